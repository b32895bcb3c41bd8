import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';

const keys = JSON.stringify({ 'admin-key-0123456789': ['admin'] });

describe('configuration', () => {
  it('selects KurrentDB only for a KurrentDB connection string, and PostgreSQL when EVENTSTORE_URL is unset or blank', () => {
    expect(loadConfig({ LEDGER_API_KEYS: keys }).eventstoreUrl).toBeUndefined();
    expect(loadConfig({ LEDGER_API_KEYS: keys, EVENTSTORE_URL: '  ' }).eventstoreUrl).toBeUndefined();
    expect(loadConfig({ LEDGER_API_KEYS: keys, EVENTSTORE_URL: 'kurrentdb://127.0.0.1:2113?tls=false' }).eventstoreUrl).toBe('kurrentdb://127.0.0.1:2113?tls=false');
    expect(loadConfig({ LEDGER_API_KEYS: keys, EVENTSTORE_URL: 'esdb+discover://a:2113,b:2113' }).eventstoreUrl).toBe('esdb+discover://a:2113,b:2113');
    expect(() => loadConfig({ LEDGER_API_KEYS: keys, EVENTSTORE_URL: 'postgres://localhost/ledger' })).toThrow('EVENTSTORE_URL: must be a KurrentDB connection string');
    expect(() => loadConfig({ LEDGER_API_KEYS: keys, EVENTSTORE_URL: 'kurrentdb://' })).toThrow('EVENTSTORE_URL');
  });

  it('reads Kafka brokers as a list and refuses a bad port, naming the variable', () => {
    expect(loadConfig({ LEDGER_API_KEYS: keys, KAFKA_BROKERS: 'a:9092, b:9092,' }).kafkaBrokers).toEqual(['a:9092', 'b:9092']);
    expect(() => loadConfig({ LEDGER_API_KEYS: keys, PORT: '70000' })).toThrow('PORT: must be a port number');
  });

  it('reads LEDGER_RATE_LIMIT as <requests>/<seconds>, generous by default, and refuses anything else naming the variable', () => {
    expect(loadConfig({ LEDGER_API_KEYS: keys }).rateLimit).toEqual({ requests: 3000, windowSeconds: 10 });
    expect(loadConfig({ LEDGER_API_KEYS: keys, LEDGER_RATE_LIMIT: ' 5/60 ' }).rateLimit).toEqual({ requests: 5, windowSeconds: 60 });
    for (const bad of ['0/10', '5/0', '5', '5/10s', '-1/10', '1.5/10', '2000000/10', '5/3601']) {
      expect(() => loadConfig({ LEDGER_API_KEYS: keys, LEDGER_RATE_LIMIT: bad })).toThrow('LEDGER_RATE_LIMIT: must be <requests>/<seconds>');
    }
  });
});
