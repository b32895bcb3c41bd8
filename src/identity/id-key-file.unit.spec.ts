import { describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateIdKey } from './id-key-file.js';
import { OpaqueIds } from './opaque-ids.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'id-key-'));

describe('the id key file', () => {
  it('is created at first start with mode 0600 and 256 random bits, and read back unchanged on the next', () => {
    const path = join(scratch(), 'nested', 'id-key');
    const first = loadOrCreateIdKey(path);
    expect(first.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(first.key.length).toBe(32);
    const second = loadOrCreateIdKey(path);
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.key.toString('hex'));
  });

  it('refuses a key others can read, or one too short, naming the file and the fix', () => {
    const dir = scratch();
    const open = join(dir, 'open');
    writeFileSync(open, 'ab'.repeat(32), { mode: 0o644 });
    chmodSync(open, 0o644);
    expect(() => loadOrCreateIdKey(open)).toThrow(
      `LEDGER_ID_KEY_FILE ${open}: is readable by others (mode 644); run chmod 600 on it`,
    );
    const short = join(dir, 'short');
    writeFileSync(short, 'ab'.repeat(8), { mode: 0o600 });
    expect(() => loadOrCreateIdKey(short)).toThrow('must hold at least 32 bytes as hex');
  });
});

describe('keyed ids', () => {
  const a = new OpaqueIds(Buffer.alloc(32, 1));
  const b = new OpaqueIds(Buffer.alloc(32, 2));

  it('give one natural key one id under one key, and unrelated ids under another key', () => {
    expect(a.claimId('H001', 'INV-1')).toBe(a.claimId('H001', 'INV-1'));
    expect(a.claimId('H001', 'INV-1')).toMatch(/^clm_[0-9a-f]{24}$/);
    expect(b.claimId('H001', 'INV-1')).not.toBe(a.claimId('H001', 'INV-1'));
    expect(a.residentLookup('37080219700506001X')).toMatch(/^[0-9a-f]{64}$/);
    expect(b.residentLookup('37080219700506001X')).not.toBe(a.residentLookup('37080219700506001X'));
  });

  it('never let two different pairs share their bytes (H0 + 01INV and H001 + INV are different claims)', () => {
    expect(a.claimId('H0', '01INV')).not.toBe(a.claimId('H001', 'INV'));
    expect(a.claimId('H001\n', 'INV')).not.toBe(a.claimId('H001', '\nINV'));
  });
});
