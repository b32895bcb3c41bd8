import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import type { PersonEvent } from '../domain/person-events.js';
import {
  foldPerson,
  initialPersonState,
  type PersonState,
  type PositionedEvent,
} from '../domain/person-state.js';

// A replay of a person (GET /persons/{id}/history, now or as of a position) folds a prefix of
// their stream. Folding 1,000 events took 2-5 ms per replay although the stream rarely changed
// between two replays, so the states folded are kept by (person, stream version): a replay folds
// only the events after the latest kept state at or below the version it needs (none when it asks
// for a version it already folded). A stream's events never change, so the state after version v
// is the same on every replay: a kept state can be old but never wrong.
//
// Kept states are shared: foldPerson copies the maps of the state it starts from and never writes
// to it, and readers get the states' read-only types, so no replay changes another's state.
//
// Personal data: a state holds the clear name and national id of its registration. Once the
// stream holds PersonErased (appended before the person's key is destroyed) nothing of the person
// is kept or answered from here, so a replay after the erasure folds from the log, where the
// registration opens to erased fields.

export const foldedStatesMax = 2000;
export const foldedStatesPerPersonMax = 8;

export class FoldedPersonStates {
  /** per stream, its kept states in ascending version; the least recently replayed stream first */
  private readonly streams = new Map<string, PersonState[]>();
  private held = 0;

  constructor(
    private readonly statesMax = foldedStatesMax,
    private readonly perStreamMax = foldedStatesPerPersonMax,
  ) {}

  /**
   * The state after the first `version` events of the stream. `stream` is the stream as read
   * (from version 1, in version order, at least `version` events); `open` turns a recorded event
   * into the domain's, and is called only for the events folded.
   */
  async replay(
    streamId: string,
    stream: readonly RecordedEvent[],
    version: number,
    open: (recorded: RecordedEvent) => Promise<PositionedEvent<PersonEvent>>,
  ): Promise<PersonState> {
    if (version > stream.length || (version > 0 && stream[version - 1]!.streamVersion !== version))
      throw new Error(`${streamId}: version ${version} is not in the ${stream.length} events read`);
    const erased = stream.some((e) => e.type === 'PersonErased');
    const kept = erased ? [] : (this.streams.get(streamId) ?? []);
    let from: PersonState = initialPersonState();
    for (const state of kept) if (state.version <= version) from = state;
    if (from.version === version && version > 0) {
      this.touch(streamId, kept);
      return from;
    }
    const opened: PositionedEvent<PersonEvent>[] = [];
    for (let i = from.version; i < version; i += 1) opened.push(await open(stream[i]!));
    const state = foldPerson(from, opened);
    if (erased) this.forget(streamId);
    else this.keep(streamId, kept, state);
    return state;
  }

  get heldStates(): number {
    return this.held;
  }

  private keep(streamId: string, kept: readonly PersonState[], state: PersonState): void {
    if (state.status !== 'registered') return;
    const states = [...kept.filter((s) => s.version !== state.version), state].sort(
      (a, b) => a.version - b.version,
    );
    // the oldest go first: they are the cheapest to fold again; the newest, which the next replay
    // of the current stream starts from, stays
    while (states.length > this.perStreamMax) states.shift();
    this.forget(streamId);
    this.streams.set(streamId, states);
    this.held += states.length;
    for (const [id, old] of this.streams) {
      if (this.held <= this.statesMax) break;
      this.streams.delete(id);
      this.held -= old.length;
    }
  }

  private touch(streamId: string, kept: PersonState[]): void {
    this.streams.delete(streamId);
    this.streams.set(streamId, kept);
  }

  private forget(streamId: string): void {
    this.held -= this.streams.get(streamId)?.length ?? 0;
    this.streams.delete(streamId);
  }
}
