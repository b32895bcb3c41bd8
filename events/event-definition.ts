import type { Static, TSchema } from '@sinclair/typebox';

// An event type: its name (never renamed once stored), its current schema version and schema,
// and one upcaster per older version, each lifting data from version n to n + 1.

export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export interface EventDefinition<S extends TSchema = TSchema> {
  readonly type: string;
  readonly version: number;
  readonly schema: S;
  /** upcasters[n] lifts version n to n + 1 */
  readonly upcasters: Readonly<Record<number, Upcaster>>;
  readonly description: string;
}

export function defineEvent<S extends TSchema>(definition: {
  type: string;
  version: number;
  schema: S;
  description: string;
  upcasters?: Record<number, Upcaster>;
}): EventDefinition<S> {
  for (let v = 1; v < definition.version; v += 1) {
    if (!definition.upcasters?.[v])
      throw new Error(`${definition.type}: no upcaster from version ${v} to ${v + 1}`);
  }
  return { ...definition, upcasters: definition.upcasters ?? {} };
}

export type EventData<D extends EventDefinition> = Static<D['schema']>;

/** A typed event as the domain sees it: the type's name and its current data. */
export interface DomainEvent<D extends EventDefinition = EventDefinition> {
  readonly type: D['type'];
  readonly data: EventData<D>;
}
