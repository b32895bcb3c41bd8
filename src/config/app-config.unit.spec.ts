import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';

const keys = JSON.stringify({ 'admin-key-0123456789': ['admin'] });

describe('configuration', () => {
  it('selects KurrentDB only for a KurrentDB connection string, and PostgreSQL when EVENTSTORE_URL is unset or blank', () => {
    expect(loadConfig({ LEDGER_API_KEYS: keys }).eventstoreUrl).toBeUndefined();
    expect(
      loadConfig({ LEDGER_API_KEYS: keys, EVENTSTORE_URL: '  ' }).eventstoreUrl,
    ).toBeUndefined();
    expect(
      loadConfig({ LEDGER_API_KEYS: keys, EVENTSTORE_URL: 'kurrentdb://127.0.0.1:2113?tls=false' })
        .eventstoreUrl,
    ).toBe('kurrentdb://127.0.0.1:2113?tls=false');
    expect(
      loadConfig({ LEDGER_API_KEYS: keys, EVENTSTORE_URL: 'esdb+discover://a:2113,b:2113' })
        .eventstoreUrl,
    ).toBe('esdb+discover://a:2113,b:2113');
    expect(() =>
      loadConfig({ LEDGER_API_KEYS: keys, EVENTSTORE_URL: 'postgres://localhost/ledger' }),
    ).toThrow('EVENTSTORE_URL: must be a KurrentDB connection string');
    expect(() => loadConfig({ LEDGER_API_KEYS: keys, EVENTSTORE_URL: 'kurrentdb://' })).toThrow(
      'EVENTSTORE_URL',
    );
  });

  it('reads Kafka brokers as a list and refuses a bad port, naming the variable', () => {
    expect(
      loadConfig({ LEDGER_API_KEYS: keys, KAFKA_BROKERS: 'a:9092, b:9092,' }).kafkaBrokers,
    ).toEqual(['a:9092', 'b:9092']);
    expect(() => loadConfig({ LEDGER_API_KEYS: keys, PORT: '70000' })).toThrow(
      'PORT: must be a port number',
    );
  });

  it('reads LEDGER_RATE_LIMIT as <requests>/<seconds>, generous by default, and refuses anything else naming the variable', () => {
    expect(loadConfig({ LEDGER_API_KEYS: keys }).rateLimit).toEqual({
      requests: 3000,
      windowSeconds: 10,
    });
    expect(loadConfig({ LEDGER_API_KEYS: keys, LEDGER_RATE_LIMIT: ' 5/60 ' }).rateLimit).toEqual({
      requests: 5,
      windowSeconds: 60,
    });
    for (const bad of ['0/10', '5/0', '5', '5/10s', '-1/10', '1.5/10', '2000000/10', '5/3601']) {
      expect(() => loadConfig({ LEDGER_API_KEYS: keys, LEDGER_RATE_LIMIT: bad })).toThrow(
        'LEDGER_RATE_LIMIT: must be <requests>/<seconds>',
      );
    }
  });
});

describe('API key scopes (API.md 1.1)', () => {
  const load = (grants: unknown) => loadConfig({ LEDGER_API_KEYS: JSON.stringify(grants) }).apiKeys;

  it('reads the array form as an unscoped key and the object form with its institutions', () => {
    const keys = load({
      'clerk-key-0123456789': ['clerk'],
      'hospital-key-0123456789': { roles: ['institution'], institutions: ['H001', 'H002', 'H001'] },
    });
    expect(keys.get('clerk-key-0123456789')).toEqual({ roles: ['clerk'] });
    expect(keys.get('hospital-key-0123456789')).toEqual({
      roles: ['institution'],
      institutions: ['H001', 'H002'],
    });
    expect(
      load({ 'hospital-key-0123456789': { roles: ['institution'] } }).get(
        'hospital-key-0123456789',
      ),
    ).toEqual({ roles: ['institution'] });
  });

  it('refuses at start a scope that is empty, malformed, on a key with other roles, or an object with unknown fields, naming the key', () => {
    expect(() =>
      load({ 'hospital-key-0123456789': { roles: ['institution'], institutions: [] } }),
    ).toThrow('LEDGER_API_KEYS: key hosp…: institutions must be a non-empty list');
    expect(() =>
      load({ 'hospital-key-0123456789': { roles: ['institution'], institutions: 'H001' } }),
    ).toThrow('institutions must be a non-empty list');
    expect(() =>
      load({ 'hospital-key-0123456789': { roles: ['institution'], institutions: ['H 1'] } }),
    ).toThrow('institution "H 1" is not an institution id');
    expect(() =>
      load({
        'hospital-key-0123456789': { roles: ['institution', 'auditor'], institutions: ['H001'] },
      }),
    ).toThrow('institutions may only scope a key whose only role is institution');
    expect(() =>
      load({ 'hospital-key-0123456789': { roles: ['institution'], institution: ['H001'] } }),
    ).toThrow('has unknown fields: institution');
    expect(() => load({ 'hospital-key-0123456789': { institutions: ['H001'] } })).toThrow(
      'key hosp… needs a non-empty list of roles',
    );
    expect(() => load({ 'hospital-key-0123456789': 'institution' })).toThrow(
      'needs a list of roles or an object',
    );
  });

  it('keeps the id key file under LEDGER_DATA_DIR unless LEDGER_ID_KEY_FILE names another', () => {
    expect(loadConfig({ LEDGER_API_KEYS: keys, LEDGER_DATA_DIR: '/srv/ledger' }).idKeyFile).toBe(
      '/srv/ledger/id-key',
    );
    expect(
      loadConfig({ LEDGER_API_KEYS: keys, LEDGER_ID_KEY_FILE: '/etc/ledger/id-key' }).idKeyFile,
    ).toBe('/etc/ledger/id-key');
  });
});
