import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

// GET /metrics (issue 17, item 4): Prometheus text format, no key (like /health), outside the
// per-key rate limit, labelled by route pattern, never by a URL carrying ids.

const rateLimit = 6;
const appropriationsRoute = '/api/v1/assistance-funds/:regionCode/appropriations';

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

const metricName = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const sampleLine = new RegExp(`^(${metricName})(?:\\{(.*)\\})? (\\S+)$`);
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/gy;
const commentLine = new RegExp(
  `^# (HELP ${metricName} .*|TYPE ${metricName} (counter|gauge|histogram|summary|untyped))$`,
);

/** Parses the text exposition format strictly: any line that is not a comment or a sample throws. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || commentLine.test(line)) continue;
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`not the Prometheus text format: ${line}`);
    const labels: Record<string, string> = {};
    const body = match[2] ?? '';
    labelPair.lastIndex = 0;
    while (labelPair.lastIndex < body.length) {
      const pair = labelPair.exec(body);
      if (!pair) throw new Error(`bad labels: ${line}`);
      labels[pair[1]!] = pair[2]!;
    }
    const value = Number(match[3] === '+Inf' ? Infinity : match[3]);
    if (Number.isNaN(value)) throw new Error(`bad value: ${line}`);
    samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}

const valueOf = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);

describe('GET /metrics', () => {
  let t: TestApp;
  const scrape = async () => {
    const res = await request(t.baseUrl).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return { text: res.text, samples: parse(res.text) };
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { LEDGER_RATE_LIMIT: `${rateLimit}/60` } });
  });
  afterAll(async () => t.close());

  it('counts appends, events, group-commit batches and request latency by route pattern after writes', async () => {
    const before = (await scrape()).samples;
    const writes = 3;
    for (let i = 0; i < writes; i += 1) {
      await t
        .post(
          '/assistance-funds/370800/appropriations',
          { amountFen: 100, source: 'fiscal', receivedOn: '2023-01-10', reference: `MT-${i}` },
          'clerk',
        )
        .expect(201);
    }
    const { text, samples: after } = await scrape();
    const moved = (name: string, labels?: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(moved('ledger_appends_total')).toBeGreaterThanOrEqual(writes);
    expect(moved('ledger_events_appended_total')).toBeGreaterThanOrEqual(writes);
    expect(moved('ledger_group_commit_batch_events_count')).toBeGreaterThanOrEqual(1);
    expect(moved('ledger_group_commit_batch_events_sum')).toBe(
      moved('ledger_events_appended_total'),
    );
    const created = { route: appropriationsRoute, method: 'POST', status: '201' };
    expect(moved('ledger_http_request_duration_seconds_count', created)).toBe(writes);
    expect(
      valueOf(after, 'ledger_http_request_duration_seconds_bucket', { ...created, le: '+Inf' }),
    ).toBe(writes);
    // the pattern, never the URL: no region code, no id in any label
    expect(text).not.toContain('/assistance-funds/370800');
  });

  it('shows database pool use, the log head and the lag of every projection, with the database up', async () => {
    const { samples } = await scrape();
    expect(valueOf(samples, 'ledger_database_up')).toBe(1);
    expect(
      valueOf(samples, 'ledger_db_pool_connections', { state: 'total' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      samples
        .filter((s) => s.name === 'ledger_db_pool_connections')
        .map((s) => s.labels.state)
        .sort(),
    ).toEqual(['idle', 'total', 'waiting']);
    expect(valueOf(samples, 'ledger_log_head_position')).toBe(await t.eventCount());
    const lags = samples.filter((s) => s.name === 'ledger_projection_lag_events');
    expect(lags.length).toBeGreaterThan(0);
    for (const lag of lags) expect(lag.value).toBeGreaterThanOrEqual(0);
    // Kafka is off in this app: no relay lag series
    expect(samples.some((s) => s.name === 'ledger_kafka_relay_lag_events')).toBe(false);
  });

  it('needs no key and is not counted by the per-key rate limit', async () => {
    for (let i = 0; i < rateLimit * 2; i += 1) {
      const res = await request(t.baseUrl).get('/metrics').expect(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
    // a key's requests are still counted: the scrapes above took none of its allowance
    await t.get('/funds', 'auditor').expect(200);
  });

  it('labels a request for an unknown URL by the catch-all pattern that answered it, never by its URL', async () => {
    await request(t.baseUrl).get('/api/v1/no-such-route/per_0123456789').expect(404);
    const { text, samples } = await scrape();
    const notFound = samples.filter(
      (s) => s.name === 'ledger_http_request_duration_seconds_count' && s.labels.status === '404',
    );
    expect(notFound.map((s) => s.labels.route)).toEqual(['/api/v1*path']);
    expect(text).not.toContain('no-such-route');
    expect(text).not.toContain('per_0123456789');
  });
});
