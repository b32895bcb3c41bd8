import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import type { EventDefinition } from './event-definition.js';

// The catalogue checks every event before it is appended (known type, current schema version,
// data matching the schema, postings that balance) and lifts older stored versions to the
// current one on read. It imports no framework and no database.

export interface CatalogueEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Readonly<Record<string, unknown>>;
}

export class EventValidationError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: readonly string[],
  ) {
    super(`${eventType}: ${problems.join('; ')}`);
    this.name = 'EventValidationError';
  }
}

interface Entry {
  readonly definition: EventDefinition;
  readonly check: TypeCheck<TSchema>;
}

export class EventCatalogue {
  private readonly entries = new Map<string, Entry>();

  constructor(definitions: readonly EventDefinition[]) {
    for (const definition of definitions) {
      if (this.entries.has(definition.type))
        throw new Error(`event type defined twice: ${definition.type}`);
      this.entries.set(definition.type, {
        definition,
        check: TypeCompiler.Compile(definition.schema),
      });
    }
  }

  get definitions(): EventDefinition[] {
    return [...this.entries.values()].map((e) => e.definition);
  }

  currentVersion(type: string): number {
    return this.entry(type).definition.version;
  }

  /** Throws EventValidationError unless the event is of the current version, valid and balanced. */
  validate(event: CatalogueEvent): void {
    const { definition, check } = this.entry(event.type);
    if (event.schemaVersion !== definition.version) {
      throw new EventValidationError(event.type, [
        `schema version ${event.schemaVersion} is not the current ${definition.version}`,
      ]);
    }
    if (!check.Check(event.data)) {
      const problems = [...check.Errors(event.data)]
        .slice(0, 10)
        .map((e) => `${e.path || '/'} ${e.message}`);
      throw new EventValidationError(event.type, problems);
    }
    assertBalanced(event);
  }

  /** Lifts stored data of an older schema version to the current one. */
  upcast<E extends CatalogueEvent>(event: E): E {
    const entry = this.entries.get(event.type);
    if (!entry || event.schemaVersion >= entry.definition.version) return event;
    let data = { ...event.data } as Record<string, unknown>;
    for (let v = event.schemaVersion; v < entry.definition.version; v += 1)
      data = entry.definition.upcasters[v]!(data);
    return { ...event, schemaVersion: entry.definition.version, data };
  }

  private entry(type: string): Entry {
    const entry = this.entries.get(type);
    if (!entry) throw new EventValidationError(type, ['unknown event type']);
    return entry;
  }
}

interface PostingLine {
  account: string;
  debitFen: number;
  creditFen: number;
}

/** Every monetary event's postings balance: total debits equal total credits, each line one-sided. */
export function assertBalanced(event: CatalogueEvent): void {
  const postings = event.data.postings as PostingLine[] | undefined;
  if (!postings) return;
  let debits = 0n;
  let credits = 0n;
  for (const p of postings) {
    if ((p.debitFen === 0) === (p.creditFen === 0)) {
      throw new EventValidationError(event.type, [
        `posting on ${p.account} must debit or credit, not both or neither`,
      ]);
    }
    debits += BigInt(p.debitFen);
    credits += BigInt(p.creditFen);
  }
  if (debits !== credits) {
    throw new EventValidationError(event.type, [
      `postings do not balance: debits ${debits} fen, credits ${credits} fen`,
    ]);
  }
}
