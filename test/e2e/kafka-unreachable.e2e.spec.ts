import { describe, expect, it } from '@jest/globals';
import { registerPerson } from '../support/people.js';
import { startTestApp } from '../support/test-app.js';

// Kafka is a bus behind the log, not in front of it: with the brokers unreachable, writes are
// still acknowledged (they are in the log), the relay keeps retrying with backoff, and /health
// says so. (Real publishing needs a broker: test/e2e/kafka.e2e.spec.ts.)

describe('Kafka relay with the brokers unreachable', () => {
  it('keeps accepting writes and shows the relay failing and behind in /health', async () => {
    const t = await startTestApp({ env: { KAFKA_BROKERS: '127.0.0.1:1', KAFKA_PARTITIONS: '3' } });
    try {
      await registerPerson(t); // 201: the write is in the log
      let health: Record<string, any> = {};
      for (let i = 0; i < 100; i += 1) {
        health = (await (await fetch(`${t.baseUrl}/health`)).json()) as Record<string, any>;
        if (health.kafka?.consecutiveFailures > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(health.status).toBe('ok');
      expect(health.kafka).toMatchObject({
        topic: 'ledger.events',
        position: 0,
        lag: health.headPosition,
      });
      expect(health.kafka.lag).toBeGreaterThan(0);
      expect(health.kafka.consecutiveFailures).toBeGreaterThan(0);
      expect(health.kafka.lastError).toEqual(expect.any(String));
    } finally {
      await t.close();
    }
  }, 30_000);
});
