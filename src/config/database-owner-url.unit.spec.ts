import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';

const keys = JSON.stringify({ 'admin-key-0123456789': ['admin'] });

describe('LEDGER_DATABASE_OWNER_URL', () => {
  it('is the owner beside DATABASE_URL (the service), and is refused without it (the embedded database keeps its own owner)', () => {
    const config = loadConfig({
      LEDGER_API_KEYS: keys,
      DATABASE_URL: 'postgres://ledger_service:s@db/ledger',
      LEDGER_DATABASE_OWNER_URL: 'postgres://ledger:o@db/ledger',
    });
    expect(config.databaseUrl).toBe('postgres://ledger_service:s@db/ledger');
    expect(config.databaseOwnerUrl).toBe('postgres://ledger:o@db/ledger');
    expect(
      loadConfig({ LEDGER_API_KEYS: keys, DATABASE_URL: 'postgres://a@db/ledger' })
        .databaseOwnerUrl,
    ).toBeUndefined();
    expect(() =>
      loadConfig({
        LEDGER_API_KEYS: keys,
        LEDGER_DATABASE_OWNER_URL: 'postgres://ledger:o@db/ledger',
      }),
    ).toThrow('LEDGER_DATABASE_OWNER_URL: needs DATABASE_URL');
  });
});
