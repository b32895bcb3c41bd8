import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console is built into dist/console, which the service serves at /console (src/console/).
// No plugin: Vite's own transformer compiles the TSX (automatic JSX runtime); no dev server is used.
const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/console/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: join(here, '..', 'dist', 'console'),
    emptyOutDir: true,
    // fonts stay files: the page's Content-Security-Policy allows fonts from the service only, not data: URLs
    assetsInlineLimit: 0,
    // ECharts alone is about 1 MB; the console is one screen set loaded once per session.
    chunkSizeWarningLimit: 2000,
  },
});
