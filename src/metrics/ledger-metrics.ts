import type { NextFunction, Request, Response } from 'express';
import type pg from 'pg';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

// What operators watch (issue 17, item 4), in the Prometheus text format. One registry per
// application instance, never prom-client's global one: two instances in one process (the tests)
// would otherwise register the same names twice. Labels are route patterns, methods, status codes
// and projection names only: never a raw URL, an id or a key, since GET /metrics needs no key.

export const metricsToken = Symbol('LedgerMetrics');

/** Upper bounds of the request latency buckets, in seconds (1 ms to 10 s). */
const latencyBucketsS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];
/** Upper bounds of the group-commit batch size buckets, in events (batchEventsMax is 2000). */
const batchBucketsEvents = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2000];
/**
 * The route label of a request refused before routing (a body too large, not JSON). An unknown
 * URL is answered by Nest's catch-all route and labelled by its pattern (/api/v1*path).
 */
export const unmatchedRoute = 'unmatched';

/** What a scrape reads from the database and the relay (what GET /health computes). */
export interface ScrapeReading {
  readonly headPosition: number;
  readonly projections: ReadonlyArray<{ name: string; position: number }>;
  /** the relay's topic and published position; undefined when Kafka is off */
  readonly relay?: { topic: string; position: number };
}

export class LedgerMetrics {
  readonly registry = new Registry();
  private readonly requestSeconds = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: latencyBucketsS,
    registers: [this.registry],
  });
  private readonly appends = new Counter({
    name: 'ledger_appends_total',
    help: 'Appends committed to the PostgreSQL event log (an append may carry several events)',
    registers: [this.registry],
  });
  private readonly events = new Counter({
    name: 'ledger_events_appended_total',
    help: 'Events committed to the PostgreSQL event log',
    registers: [this.registry],
  });
  private readonly batchEvents = new Histogram({
    name: 'ledger_group_commit_batch_events',
    help: 'Events per group-commit transaction',
    buckets: batchBucketsEvents,
    registers: [this.registry],
  });
  private readonly databaseUp = new Gauge({
    name: 'ledger_database_up',
    help: '1 when the database answered this scrape, else 0 (the lag gauges are then absent)',
    registers: [this.registry],
  });
  private readonly head = new Gauge({
    name: 'ledger_log_head_position',
    help: 'Position of the last event in the log (the last one read while the database is away)',
    registers: [this.registry],
  });
  private readonly projectionLag = new Gauge({
    name: 'ledger_projection_lag_events',
    help: "Events between the log head and a projection's checkpoint",
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });
  // labelled by topic so that, with Kafka off or the database away, the series is absent, not 0
  private readonly relayLag = new Gauge({
    name: 'ledger_kafka_relay_lag_events',
    help: 'Events between the log head and the position the Kafka relay has published (absent when Kafka is off)',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });
  private readonly pool = new Gauge({
    name: 'ledger_db_pool_connections',
    help: "The service's PostgreSQL pool: total connections, idle ones, and requests waiting for one",
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  /** Called by the group-commit writer once per committed batch: two additions and one observation. */
  readonly batchCommitted = (appends: number, events: number): void => {
    this.appends.inc(appends);
    this.events.inc(events);
    this.batchEvents.observe(events);
  };

  /** Express middleware timing every request; labelled when the response is finished. */
  httpMiddleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const stop = this.requestSeconds.startTimer();
      res.on('finish', () =>
        stop({ method: req.method, route: routeOf(req), status: String(res.statusCode) }),
      );
      next();
    };
  }

  /** Sets the scrape-time gauges: from a reading, or, when the database did not answer, none. */
  observeScrape(reading: ScrapeReading | undefined, pool: pg.Pool): void {
    this.pool.set({ state: 'total' }, pool.totalCount);
    this.pool.set({ state: 'idle' }, pool.idleCount);
    this.pool.set({ state: 'waiting' }, pool.waitingCount);
    this.projectionLag.reset();
    this.relayLag.reset();
    this.databaseUp.set(reading ? 1 : 0);
    if (!reading) return;
    this.head.set(reading.headPosition);
    for (const p of reading.projections) {
      this.projectionLag.set(
        { projection: p.name },
        Math.max(0, reading.headPosition - p.position),
      );
    }
    if (reading.relay) {
      this.relayLag.set(
        { topic: reading.relay.topic },
        Math.max(0, reading.headPosition - reading.relay.position),
      );
    }
  }
}

/**
 * The matched route's pattern with the global prefix (/api/v1/persons/:personId), never the URL:
 * ids would make one series per person. Express sets req.route only once a route matched.
 */
function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : unmatchedRoute;
}
