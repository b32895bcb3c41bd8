import { describe, expect, it } from '@jest/globals';
import { balancesHash, balancesText } from './balances-hash.js';
import {
  checkpointNote,
  checkpointSignedBy,
  parseCheckpointNote,
  signCheckpoint,
} from './checkpoint.js';
import { forksAmong } from './fork-evidence.js';
import { publicKeyOf } from './sm2.js';
import { parsePrivateKeyPem, parsePublicKeyPem, privateKeyPem, publicKeyPem } from './sm2-keys.js';
import { sm3 } from './merkle-tree.js';

const privateKey = 0x3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8n;
const publicKey = publicKeyOf(privateKey);
const root = sm3(Buffer.from('root')).toString('hex');

describe('signed checkpoints and their C2SP note', () => {
  it('writes the note: origin, size, base64 root, blank line, signature line; and reads it back', () => {
    const c = signCheckpoint(
      'settlement-ledger',
      42,
      root,
      '2026-12-03T00:00:00.000Z',
      privateKey,
      publicKey,
    );
    const note = checkpointNote(c);
    const lines = note.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'settlement-ledger',
      '42',
      Buffer.from(root, 'hex').toString('base64'),
      '',
    ]);
    expect(lines[4]).toMatch(/^\u2014 settlement-ledger [A-Za-z0-9+/]{91}=$/);
    expect(Buffer.from(lines[4]!.split(' ')[2]!, 'base64')).toHaveLength(4 + 64);
    const read = parseCheckpointNote(note)!;
    expect({ ...read, signedAt: c.signedAt }).toEqual(c);
    expect(checkpointSignedBy(read, publicKey)).toBe(true);
    expect(checkpointSignedBy({ ...read, treeSize: 43 }, publicKey)).toBe(false);
    expect(checkpointSignedBy({ ...read, origin: 'other' }, publicKey)).toBe(false);
    expect(parseCheckpointNote(note.replace('\n\n', '\n'))).toBeUndefined();
  });

  it('keeps keys as PEM that read back to the same key', () => {
    expect(parsePrivateKeyPem(privateKeyPem(privateKey, publicKey))).toBe(privateKey);
    expect(parsePublicKeyPem(publicKeyPem(publicKey))).toEqual(publicKey);
    expect(
      parsePublicKeyPem('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'),
    ).toBeUndefined();
  });

  it('names a fork: two signed checkpoints of one size with different roots, not an unsigned one', () => {
    const a = signCheckpoint('o', 10, root, '', privateKey, publicKey);
    const b = signCheckpoint(
      'o',
      10,
      sm3(Buffer.from('other')).toString('hex'),
      '',
      privateKey,
      publicKey,
    );
    const same = signCheckpoint('o', 10, root, '', privateKey, publicKey);
    expect(forksAmong([a, same], publicKey)).toEqual([]);
    expect(forksAmong([a, b], publicKey)).toEqual([
      { treeSize: 10, roots: [a.rootHash, b.rootHash] },
    ]);
    expect(forksAmong([a, { ...b, signature: a.signature }], publicKey)).toEqual([]);
  });

  it('hashes a year of fund balances line by line, in account order (worked example, fen)', () => {
    const balances = [
      { account: 'fund:critical-illness:370800:2023', creditsFen: 500000n, debitsFen: 120000n },
      { account: 'fund:basic:370800:2023', creditsFen: 10000000n, debitsFen: 7345600n },
    ];
    expect(balancesText(balances)).toBe(
      'fund:basic:370800:2023 10000000 7345600 2654400\nfund:critical-illness:370800:2023 500000 120000 380000\n',
    );
    expect(balancesHash(balances)).toBe(sm3(Buffer.from(balancesText(balances))).toString('hex'));
    expect(balancesHash([...balances].reverse())).toBe(balancesHash(balances));
    expect(balancesHash([{ ...balances[0]!, debitsFen: 120001n }, balances[1]!])).not.toBe(
      balancesHash(balances),
    );
  });
});
