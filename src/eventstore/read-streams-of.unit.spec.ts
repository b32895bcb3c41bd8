import { describe, expect, it } from '@jest/globals';
import { readStreamsOf, type EventStore, type RecordedEvent } from './event-store.port.js';

// A store without readStreams (KurrentDB) is read stream by stream, in the order asked: a stream
// named later (the person) is never read before one named earlier (the invoice).

describe('readStreamsOf without a combined read', () => {
  it('reads each stream once, in the order asked, with its version bound', async () => {
    const calls: string[] = [];
    const store = {
      readStream: async (streamId: string, options?: { afterVersion?: number }) => {
        calls.push(`${streamId}>${options?.afterVersion ?? 0}`);
        return [{ streamId } as RecordedEvent];
      },
    } as unknown as EventStore;
    const answers = await readStreamsOf(store, [
      { streamId: 'invoice-1' },
      { streamId: 'institution-H1' },
      { streamId: 'person-1', afterVersion: 7 },
    ]);
    expect(calls).toEqual(['invoice-1>0', 'institution-H1>0', 'person-1>7']);
    expect(answers.map(([e]) => e!.streamId)).toEqual(['invoice-1', 'institution-H1', 'person-1']);
  });
});
