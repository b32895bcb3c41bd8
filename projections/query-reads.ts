import type { ProjectionName } from './index.js';

// Read your writes, declared as data. Each query states once, beside its class, what it reads;
// before reading, it asks ReadModels.ready (src/read-models) to wait (bounded) until every source
// named has reached the log head as it stood when the read arrived, which covers every write
// acknowledged before it. No query spells its waits in code, so none can forget one.

/** A projection by name, or 'log': the PostgreSQL log itself (its verified copy, with KurrentDB). */
export type ReadSource = ProjectionName | 'log';

export interface QueryReads {
  /** what the query reads for the current state */
  readonly now: readonly ReadSource[];
  /** what it reads when answering as of a position, when that differs */
  readonly asOf?: readonly ReadSource[];
}

/** The sources a read waits for: `asOf` when it answers as of a position and declares it, else `now`. */
export function sourcesOf(
  reads: QueryReads,
  asOfPosition: number | undefined,
): readonly ReadSource[] {
  return asOfPosition !== undefined && reads.asOf ? reads.asOf : reads.now;
}
