import type { AppendRequest } from './event-store.port.js';
import { InvalidAppendError } from './event-store.errors.js';

// Shape checks every adapter makes before anything reaches storage.

export const appendEventsMax = 1000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function validateAppendRequest(request: AppendRequest): void {
  if (request.streams.length === 0)
    throw new InvalidAppendError('an append names at least one stream');
  const streamIds = new Set<string>();
  const eventIds = new Set<string>();
  let count = 0;
  for (const s of request.streams) {
    if (!s.streamId || s.streamId.length > 200)
      throw new InvalidAppendError(`bad stream id: ${s.streamId}`);
    if (streamIds.has(s.streamId))
      throw new InvalidAppendError(`stream named twice in one append: ${s.streamId}`);
    streamIds.add(s.streamId);
    if (
      typeof s.expectedVersion === 'number' &&
      (!Number.isSafeInteger(s.expectedVersion) || s.expectedVersion < 0)
    ) {
      throw new InvalidAppendError(`bad expected version for ${s.streamId}`);
    }
    if (s.events.length === 0) throw new InvalidAppendError(`no events for stream ${s.streamId}`);
    for (const e of s.events) {
      if (!uuidPattern.test(e.eventId))
        throw new InvalidAppendError(`eventId must be a lower-case UUID: ${e.eventId}`);
      if (eventIds.has(e.eventId))
        throw new InvalidAppendError(`eventId twice in one append: ${e.eventId}`);
      eventIds.add(e.eventId);
      count += 1;
    }
  }
  if (count > appendEventsMax)
    throw new InvalidAppendError(`at most ${appendEventsMax} events in one append`);
}
