import { describe, expect, it } from '@jest/globals';
import type { ReadStreamOptions, RecordedEvent } from './event-store.port.js';
import { StreamCache } from './stream-cache.js';

// A stand-in for the log, for this pure unit test: streams that only grow, counting reads.
class GrowingLog {
  readonly streams = new Map<string, RecordedEvent[]>();
  reads: Array<{ streamId: string; options: ReadStreamOptions }> = [];
  private position = 0;

  add(streamId: string, n: number): void {
    const events = this.streams.get(streamId) ?? [];
    for (let i = 0; i < n; i += 1) {
      this.position += 1;
      events.push({
        eventId: `e${this.position}`,
        type: 'T',
        schemaVersion: 1,
        data: { n: this.position },
        metadata: {},
        streamId,
        streamVersion: events.length + 1,
        position: this.position,
        recordedAt: '2023-01-01T00:00:00Z',
        hash: 'h',
      });
    }
    this.streams.set(streamId, events);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.reads.push({ streamId, options });
    return (this.streams.get(streamId) ?? [])
      .filter(
        (e) =>
          e.streamVersion > (options.afterVersion ?? 0) &&
          (options.toPosition === undefined || e.position <= options.toPosition),
      )
      .map((e) => ({ ...e }));
  }
}

describe('StreamCache', () => {
  it('reads a stream once, then only the events after the last cached version', async () => {
    const log = new GrowingLog();
    log.add('a', 3);
    const cache = new StreamCache(log);
    expect((await cache.read('a')).map((e) => e.position)).toEqual([1, 2, 3]);
    log.add('a', 2);
    expect((await cache.read('a')).map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    expect(log.reads.map((r) => r.options.afterVersion)).toEqual([0, 3]);
  });

  it('answers point-in-time and after-version reads from the cached prefix, as the log would', async () => {
    const log = new GrowingLog();
    log.add('a', 2);
    log.add('b', 2);
    log.add('a', 2); // a: positions 1, 2, 5, 6
    const cache = new StreamCache(log);
    for (const options of [
      {},
      { toPosition: 0 },
      { toPosition: 2 },
      { toPosition: 4 },
      { toPosition: 6 },
      { afterVersion: 2 },
      { afterVersion: 1, toPosition: 5 },
    ]) {
      expect((await cache.read('a', options)).map((e) => e.position)).toEqual(
        (await log.readStream('a', options)).map((e) => e.position),
      );
    }
  });

  it('holds at most its bound, dropping the least recently used stream first', async () => {
    const log = new GrowingLog();
    log.add('a', 4);
    log.add('b', 4);
    log.add('c', 4);
    const cache = new StreamCache(log, 8);
    await cache.read('a');
    await cache.read('b');
    await cache.read('a'); // a is now the most recently used
    await cache.read('c'); // 12 > 8: b goes
    expect(cache.heldEvents).toBe(8);
    log.reads = [];
    await cache.read('a');
    await cache.read('b');
    expect(log.reads.map((r) => [r.streamId, r.options.afterVersion])).toEqual([
      ['a', 4],
      ['b', 0],
    ]);
  });

  it("hands out frozen events, so one reader cannot change another reader's history", async () => {
    const log = new GrowingLog();
    log.add('a', 1);
    const [event] = await new StreamCache(log).read('a');
    expect(Object.isFrozen(event)).toBe(true);
  });
});
