import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type pg from 'pg';
import { Public } from '../auth/roles.decorator.js';
import { pgPoolToken } from '../eventstore/event-store.module.js';
import { KafkaRelay } from '../messaging/messaging.module.js';
import { loadPublisherCheckpoint } from '../messaging/publisher-checkpoint.js';

export const healthQueryTimeoutMs = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(pgPoolToken) private readonly pool: pg.Pool,
    private readonly relay: KafkaRelay,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '200 when the database answers, else 503; with Kafka on, the relay\'s role, position and lag behind the log head' })
  async health(@Res({ passthrough: true }) res: Response) {
    try {
      const { rows } = await Promise.race([
        this.pool.query<{ head: string | null }>('SELECT max(position)::text AS head FROM events'),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('database timeout')), healthQueryTimeoutMs)),
      ]);
      const headPosition = Number(rows[0]?.head ?? 0);
      const relay = this.relay.status();
      // the published position from the database: the relay may be leading in another instance
      const published = relay ? await loadPublisherCheckpoint(this.pool, relay.topic) : 0;
      const kafka = relay ? { ...relay, position: published, lag: Math.max(0, headPosition - published) } : { role: 'off' };
      return { status: 'ok', database: 'up', headPosition, kafka };
    } catch (error) {
      res.status(503);
      return { status: 'unavailable', database: 'down', detail: (error as Error).message };
    }
  }
}
