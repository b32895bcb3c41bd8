import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fieldsNoFoldReads } from '../projections/rebuild.js';

// The domain and the event catalogue stay pure: no web framework, no database, no broker client.
// (STYLE.md asks for this as an ESLint no-restricted-imports rule; this test enforces the same.)

const forbidden = [
  /^@nestjs\//,
  /^typeorm$/,
  /^pg$/,
  /^pg-/,
  /^kafkajs$/,
  /^@eventstore\//,
  /^@kurrent\//,
  /^express$/,
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

function pureFolders(): string[] {
  const domains = readdirSync('src')
    .map((c) => join('src', c, 'domain'))
    .filter((d) => {
      try {
        return statSync(d).isDirectory();
      } catch {
        return false;
      }
    });
  return ['events', ...domains];
}

describe('architecture', () => {
  it('keeps framework, database and broker imports out of domain/ and events/', () => {
    const offenders: string[] = [];
    for (const file of pureFolders().flatMap(filesUnder)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)) {
        if (forbidden.some((f) => f.test(match[1]!))) offenders.push(`${file}: ${match[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps casts through unknown out of domain/ and events/: the event data is typed end to end', () => {
    const offenders = pureFolders()
      .flatMap(filesUnder)
      .filter((file) => /\bas unknown as\b/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('lets domain/ import only other domain/ folders and events/ (no event store, HTTP or write service)', () => {
    const offenders: string[] = [];
    for (const file of pureFolders()
      .filter((f) => f !== 'events')
      .flatMap(filesUnder)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/from\s+'(\.[^']+)'/g)) {
        const target = normalize(join(dirname(file), match[1]!));
        if (!/(^|\/)domain\//.test(target) && !target.startsWith('events/'))
          offenders.push(`${file}: ${match[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps HTTP out of write/ and application/: refusals are typed and mapped to HTTP in src/http/problem.filter.ts', () => {
    const rooms = [
      'src/write',
      'src/person-stream/application',
      ...readdirSync('projections').map((p) => join('projections', p)),
      ...readdirSync('src').map((c) => join('src', c, 'application')),
    ];
    const files = rooms
      .filter((d) => {
        try {
          return statSync(d).isDirectory();
        } catch {
          return false;
        }
      })
      .flatMap(filesUnder);
    const offenders = files.filter((file) =>
      /from\s+'(express|[./]+\/(src\/)?http\/[^']*)'/.test(readFileSync(file, 'utf8')),
    );
    expect(files.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });

  it('keeps projections/ from reading the fields rebuilds leave out (fieldsNoFoldReads)', () => {
    const fields = Object.values(fieldsNoFoldReads).flat();
    const offenders = filesUnder('projections')
      .filter((file) => !file.endsWith('rebuild.ts'))
      .flatMap((file) =>
        fields
          .filter((field) => new RegExp(`\\b${field}\\b`).test(readFileSync(file, 'utf8')))
          .map((field) => `${file}: ${field}`),
      );
    expect(fields.length).toBeGreaterThan(0);
    expect(offenders).toEqual([]);
  });

  it('freezes migrations: they import nothing but typeorm types and each other, never live schema code', () => {
    const files = filesUnder('src/database/migrations');
    const offenders = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)]
        .map((match) => match[1]!)
        .filter((source) => source !== 'typeorm' && !/^\.\/[^/]+\.js$/.test(source))
        .map((source) => `${file}: ${source}`),
    );
    expect(files.length).toBeGreaterThan(7);
    expect(offenders).toEqual([]);
  });
});
