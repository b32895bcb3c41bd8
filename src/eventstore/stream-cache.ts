import type { EventStore, ReadStreamOptions, RecordedEvent } from './event-store.port.js';

// Recorded events never change and a stream only grows, so a stream read once can be kept and
// caught up by reading only the events after its last cached version: the cache can be behind
// (a catch-up read fixes that on every use) but never wrong. Point-in-time reads (toPosition) are
// answered from the cached prefix. Bounded by the number of events held; the least recently used
// stream goes first. Events handed out are frozen (shallowly) and shared between readers.

export const streamCacheEventsMax = 200_000;

export class StreamCache {
  private readonly streams = new Map<string, RecordedEvent[]>();
  private held = 0;

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly maxEvents = streamCacheEventsMax,
  ) {}

  /** The stream's events (after `afterVersion`, at or below `toPosition`), as readStream would return them. */
  async read(streamId: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    const cached = this.streams.get(streamId) ?? [];
    const lastVersion = cached.length === 0 ? 0 : cached[cached.length - 1]!.streamVersion;
    const tail = await this.store.readStream(streamId, { afterVersion: lastVersion });
    const events = tail.length === 0 ? cached : [...cached, ...tail.map((e) => Object.freeze(e))];
    this.remember(streamId, events);
    const { toPosition, afterVersion = 0 } = options;
    let from = 0;
    while (from < events.length && events[from]!.streamVersion <= afterVersion) from += 1;
    let to = events.length;
    if (toPosition !== undefined)
      while (to > from && events[to - 1]!.position > toPosition) to -= 1;
    return from === 0 && to === events.length ? events : events.slice(from, to);
  }

  get heldEvents(): number {
    return this.held;
  }

  private remember(streamId: string, events: RecordedEvent[]): void {
    const previous = this.streams.get(streamId);
    this.streams.delete(streamId);
    this.held -= previous?.length ?? 0;
    if (events.length === 0 || events.length > this.maxEvents) return;
    this.streams.set(streamId, events);
    this.held += events.length;
    for (const [id, old] of this.streams) {
      if (this.held <= this.maxEvents) break;
      this.streams.delete(id);
      this.held -= old.length;
    }
  }
}
