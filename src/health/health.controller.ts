import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type pg from 'pg';
import { Public } from '../auth/roles.decorator.js';
import { logMirrorToken, pgPoolToken } from '../eventstore/event-store.module.js';
import { eventStoreToken, type EventStore } from '../eventstore/event-store.port.js';
import { logReaderToken, type LogReader } from '../eventstore/log-reader.port.js';
import type { LogMirror } from '../eventstore/log-mirror.js';
import { KafkaRelay } from '../messaging/messaging.module.js';
import { loadPublisherCheckpoint } from '../messaging/publisher-checkpoint.js';

export const healthQueryTimeoutMs = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(pgPoolToken) private readonly pool: pg.Pool,
    private readonly relay: KafkaRelay,
    @Inject(eventStoreToken) private readonly store: EventStore,
    @Optional() @Inject(logMirrorToken) private readonly mirror: LogMirror | undefined,
    @Inject(logReaderToken) private readonly log: LogReader,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      "200 when the database answers, else 503; with Kafka on, the relay's role, position and lag behind the log head; " +
      'with KurrentDB as the log of record, its head and how far the PostgreSQL copy the reads use is behind it (503 when KurrentDB does not answer)',
  })
  async health(@Res({ passthrough: true }) res: Response) {
    try {
      const headPosition = await withTimeout(this.log.head(), 'database timeout');
      const relay = this.relay.status();
      // the published position from the database: the relay may be leading in another instance
      const published = relay ? await loadPublisherCheckpoint(this.pool, relay.topic) : 0;
      const kafka = relay
        ? { ...relay, position: published, lag: Math.max(0, headPosition - published) }
        : { role: 'off' };
      const eventstore = this.mirror
        ? await this.kurrentDbStatus(headPosition)
        : { adapter: 'postgres' };
      if (eventstore.status === 'unavailable') res.status(503);
      return { status: eventstore.status ?? 'ok', database: 'up', headPosition, kafka, eventstore };
    } catch (error) {
      res.status(503);
      return { status: 'unavailable', database: 'down', detail: (error as Error).message };
    }
  }

  /** KurrentDB's head beside the copy's; PostgreSQL answering does not make the log of record healthy. */
  private async kurrentDbStatus(
    copiedPosition: number,
  ): Promise<{ adapter: string; status?: string; [field: string]: unknown }> {
    try {
      const headPosition = await withTimeout(this.store.headPosition(), 'KurrentDB timeout');
      return {
        adapter: 'kurrentdb',
        headPosition,
        copiedPosition,
        lag: Math.max(0, headPosition - copiedPosition),
      };
    } catch (error) {
      return {
        adapter: 'kurrentdb',
        status: 'unavailable',
        copiedPosition,
        detail: (error as Error).message,
      };
    }
  }
}

export function withTimeout<T>(work: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), healthQueryTimeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
