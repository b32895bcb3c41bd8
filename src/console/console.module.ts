import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Serves the web console (console/, built by `npm run build` into dist/console) at /console
// (API.md 1.1). The files need no key: the console asks for one and speaks the API with it, so
// nothing here reads ledger data. Mounted on the HTTP server itself, before Nest's not-found
// handler, outside the /api/v1 prefix and the API key guard.

export const consolePath = '/console';

/** The project root (the nearest folder with a package.json), from src/console or dist/src/console. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const consoleDir = join(projectRoot(), 'dist', 'console');

// Same-origin only: scripts, styles, fonts and API calls come from this service (works offline,
// no CDN); ECharts and React set styles through the DOM, which style-src 'self' does not block.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

function consoleHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-cache');
  next();
}

function notBuilt(_req: Request, res: Response): void {
  res.status(503).type('text/plain').send('The console is not built: run `npm run build`.');
}

@Module({})
export class ConsoleModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter.getInstance<express.Express>();
    const files = existsSync(join(consoleDir, 'index.html'))
      ? express.static(consoleDir, { index: 'index.html', redirect: true, dotfiles: 'deny' })
      : notBuilt;
    server.use(consolePath, consoleHeaders, files);
  }
}
