import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// One door to the log for reads (issue 12): only the event store room (src/eventstore/) writes SQL
// on the `events` table; everyone else asks the LogReader port (src/eventstore/log-reader.port.ts)
// or the EventStore port. The frozen migrations are the one exception: they created the table.
// And nothing outside the room reaches into an adapter's internals.

const roots = ['src', 'projections', 'events', 'bench'];
const eventStoreRoom = /^src\/eventstore\//;
const frozenMigrations = /^src\/database\/migrations\//;
/** A statement naming the events table: FROM/JOIN/INTO/UPDATE/TABLE/TRUNCATE events, any case, quoted or schema-qualified. */
const sqlOnEvents =
  /\b(from|join|into|update|table|truncate)\s+(?:"?public"?\.)?"?events"?(?![\w-])/i;
const adapterInternals = /from\s+'[^']*eventstore\/(postgres|kurrentdb)\//;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function offending(pattern: RegExp, files: readonly string[]): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('architecture: one door to the log', () => {
  const files = roots.flatMap(filesUnder);

  it('finds SQL on events where it is allowed (the detector works)', () => {
    expect(
      offending(sqlOnEvents, ['src/eventstore/postgres/postgres-log-reader.ts']).length,
    ).toBeGreaterThan(3);
    expect(sqlOnEvents.test('SELECT max(position) FROM public.events')).toBe(true);
    expect(sqlOnEvents.test('SELECT * FROM events_saved')).toBe(false);
  });

  it('has no SQL on the events table outside src/eventstore/ and the frozen migrations', () => {
    const outside = files.filter((f) => !eventStoreRoom.test(f) && !frozenMigrations.test(f));
    expect(outside.length).toBeGreaterThan(50);
    expect(offending(sqlOnEvents, outside)).toEqual([]);
  });

  it("keeps the adapters' internals (src/eventstore/postgres, kurrentdb) inside the event store room", () => {
    // benchmarks compose the PostgreSQL adapter themselves, as tests do; migrations are frozen text
    const outside = files.filter(
      (f) => !eventStoreRoom.test(f) && !frozenMigrations.test(f) && !f.startsWith('bench/'),
    );
    expect(offending(adapterInternals, outside)).toEqual([]);
  });
});
