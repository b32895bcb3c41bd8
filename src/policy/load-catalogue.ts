import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogueError, type Catalogue } from './domain/catalogue.js';
import { validateCatalogue } from './domain/validate-catalogue.js';

/** The catalogue the project ships: src/policy/catalogue.json under the folder holding package.json. */
export function shippedCataloguePath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new CatalogueError(
        'cannot find the project folder (package.json) to locate src/policy/catalogue.json',
      );
    dir = parent;
  }
  return join(dir, 'src', 'policy', 'catalogue.json');
}

export function loadCatalogue(path: string = shippedCataloguePath()): Catalogue {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CatalogueError(`${path}: ${(error as Error).message}`);
  }
  return validateCatalogue(raw);
}
