import type { EventStore, Subscription } from './event-store.port.js';
import type { PostgresEventStore } from './postgres/postgres-event-store.js';

// With KurrentDB as the log of record (EVENTSTORE_URL), the read side still folds and queries a
// PostgreSQL log: projections, trace, point-in-time reads, the chain check and the Kafka relay
// all read the `events` table. The mirror keeps that table an exact copy of the log of record:
// a catch-up subscription from the copy's own head, each delivery copied in one transaction and
// checked to continue the copy's hash chain (continueLog), so a copy that would fork or skip
// stops at the first bad position instead of serving a different history. Restartable at any
// point: the copy's head is its checkpoint.

export class LogMirror {
  private subscription: Subscription | undefined;

  /** `source` must hand over events as stored (an adapter made without an upcaster); the mirror owns it. */
  constructor(
    private readonly source: EventStore,
    private readonly copy: PostgresEventStore,
  ) {}

  async start(): Promise<void> {
    if (this.subscription) return;
    const head = await this.copy.headPosition();
    this.subscription = this.source.subscribe(head, (events) => this.copy.copyRecorded(events));
  }

  /** Whether the copy holds `position` within the time; a mirror that is not running is behind. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (!this.subscription) return (await this.copy.headPosition()) >= position;
    return this.subscription.waitFor(position, timeoutMs);
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }

  /** Stops and closes the source. */
  async close(): Promise<void> {
    await this.stop();
    await this.source.close();
  }
}
