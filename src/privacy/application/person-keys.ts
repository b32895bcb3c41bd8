import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { pgPoolToken } from '../../eventstore/event-store.module.js';
import { open, seal, sealKeyBytes, type Sealed } from '../domain/sm4-seal.js';

export const masterKeyToken = Symbol('PersonalDataMasterKey');

// Each person's data key: 256 random bits, kept in person_keys wrapped by the master key (which
// lives in a file outside the database: a copy of the database alone opens nothing). The wrap is
// bound to the person id, so a key row copied to another person does not open. Erasure deletes
// the row: no copy of the unwrapped key is kept in memory between calls, so from the next read on
// every process finds the person's data unreadable.

const wrapContext = (personId: string) => `person-key:${personId}`;

@Injectable()
export class PersonKeys {
  constructor(
    @Inject(pgPoolToken) private readonly pool: pg.Pool,
    @Inject(masterKeyToken) private readonly masterKey: Buffer,
  ) {}

  /** The person's data key, made and stored on first use (a retried registration finds the one stored). */
  async keyFor(personId: string): Promise<Buffer> {
    const wrapped = seal(this.masterKey, randomBytes(sealKeyBytes), wrapContext(personId));
    await this.pool.query(
      'INSERT INTO person_keys (person_id, wrapped_key) VALUES ($1, $2) ON CONFLICT (person_id) DO NOTHING',
      [personId, JSON.stringify(wrapped)],
    );
    const key = await this.existingKey(personId);
    if (!key) throw new Error(`the data key of ${personId} was destroyed while it was being made`);
    return key;
  }

  /** The person's data key, or undefined once it was destroyed (erasure). */
  async existingKey(personId: string): Promise<Buffer | undefined> {
    const { rows } = await this.pool.query<{ wrapped_key: string }>(
      'SELECT wrapped_key FROM person_keys WHERE person_id = $1',
      [personId],
    );
    if (rows.length === 0) return undefined;
    return open(this.masterKey, JSON.parse(rows[0]!.wrapped_key) as Sealed, wrapContext(personId));
  }

  /** Destroys the person's data key; repeating it is harmless. */
  async destroy(personId: string): Promise<void> {
    await this.pool.query('DELETE FROM person_keys WHERE person_id = $1', [personId]);
  }
}
