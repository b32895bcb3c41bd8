import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type pg from 'pg';
import { projections } from '../../projections/index.js';
import { Public } from '../auth/roles.decorator.js';
import type { AppConfig } from '../config/app-config.js';
import { appConfigToken } from '../config/config.module.js';
import { pgPoolToken } from '../eventstore/event-store.module.js';
import { logReaderToken, type LogReader } from '../eventstore/log-reader.port.js';
import { withTimeout } from '../health/health.controller.js';
import { KafkaRelay } from '../messaging/messaging.module.js';
import { loadPublisherCheckpoint } from '../messaging/publisher-checkpoint.js';
import { metricsToken, type LedgerMetrics, type ScrapeReading } from './ledger-metrics.js';

// Needs no key, like /health: a Prometheus scraper is an operator's machine, not a client system,
// and holds no API key. So it shows counts, latencies, positions and lags only (nothing personal,
// no amounts), and it is not counted by the per-key rate limit (no key, no principal).

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  /** the projections this service keeps (the Kafka workers keep the others, by partition) */
  private readonly kept: readonly string[];

  constructor(
    @Inject(metricsToken) private readonly metrics: LedgerMetrics,
    @Inject(pgPoolToken) private readonly pool: pg.Pool,
    @Inject(logReaderToken) private readonly log: LogReader,
    private readonly relay: KafkaRelay,
    @Inject(appConfigToken) config: AppConfig,
  ) {
    this.kept = projections
      .map((p) => p.name)
      .filter((name) => !config.workerProjections.includes(name));
  }

  @Get()
  @Public()
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition format 0.0.4',
    schema: { type: 'string' },
  })
  @ApiOperation({
    summary:
      'Prometheus text format: request latency per route and status, appends and events appended, ' +
      'group-commit batch sizes, projection and Kafka relay lag, database pool use (README lists every metric); no key',
  })
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const reading = await this.read().catch(() => undefined);
    this.metrics.observeScrape(reading, this.pool);
    res.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }

  private async read(): Promise<ScrapeReading> {
    return withTimeout(
      (async () => {
        const headPosition = await this.log.head();
        const rows = await this.pool.query<{ name: string; position: string }>(
          'SELECT name, position::text AS position FROM projection_checkpoints WHERE name = ANY($1::text[]) ORDER BY name',
          [this.kept],
        );
        const relay = this.relay.status();
        return {
          headPosition,
          projections: rows.rows.map((r) => ({ name: r.name, position: Number(r.position) })),
          relay: relay
            ? {
                topic: relay.topic,
                position: await loadPublisherCheckpoint(this.pool, relay.topic),
              }
            : undefined,
        };
      })(),
      'database timeout',
    );
  }
}
