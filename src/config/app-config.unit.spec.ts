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
});
