import type { EventEmitter } from 'node:events';
import type { RecordedEvent, Subscription, SubscriptionHandler } from './event-store.port.js';

// A catch-up subscription over any adapter's readAll: replays from a checkpoint, then follows the
// log, handing each event to the handler exactly once and in order. It wakes on the adapter's
// in-process commit signal and polls as a fallback (appends from other processes).

export const subscriptionBatchMax = 1000;
export const subscriptionPollMs = 200;
export const handlerRetryDelayMs = 500;

export interface LogReader {
  readAll(afterPosition: number, maxCount: number): Promise<RecordedEvent[]>;
}

export interface WakeSource {
  onAppended(listener: () => void): () => void;
}

/** An adapter's in-process commit signal: its emitter's 'appended' events. */
export function emitterWakeSource(emitter: EventEmitter): WakeSource {
  return {
    onAppended: (listener) => {
      emitter.on('appended', listener);
      return () => emitter.off('appended', listener);
    },
  };
}

export class CatchUpSubscription implements Subscription {
  private position: number;
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly waiters = new Set<{ position: number; resolve: (ok: boolean) => void }>();
  private readonly stopListening: () => void;
  private readonly loop: Promise<void>;

  constructor(
    private readonly reader: LogReader,
    wakeSource: WakeSource,
    afterPosition: number,
    private readonly handler: SubscriptionHandler,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.position = afterPosition;
    this.stopListening = wakeSource.onAppended(() => this.wake?.());
    this.loop = this.run();
  }

  get checkpoint(): number {
    return this.position;
  }

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      const waiter = {
        position,
        resolve: (ok: boolean) => {
          clearTimeout(timer);
          resolve(ok);
        },
      };
      this.waiters.add(waiter);
      this.wake?.();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopListening();
    this.wake?.();
    await this.loop;
    for (const waiter of this.waiters) waiter.resolve(false);
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      try {
        const events = await this.reader.readAll(this.position, subscriptionBatchMax);
        if (events.length > 0) {
          await this.handler(events);
          this.position = events[events.length - 1]!.position;
          this.release();
          continue;
        }
      } catch (error) {
        if (this.closed) break;
        this.onError(error);
        await this.sleep(handlerRetryDelayMs);
        continue;
      }
      await this.sleep(subscriptionPollMs);
    }
  }

  private release(): void {
    for (const waiter of this.waiters) {
      if (this.position >= waiter.position) {
        this.waiters.delete(waiter);
        waiter.resolve(true);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
