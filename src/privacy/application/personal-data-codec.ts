import { Injectable } from '@nestjs/common';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import type { DecidedEvent } from '../../write/write-decision.js';
import { open, seal, type Sealed } from '../domain/sm4-seal.js';
import { PersonKeys } from './person-keys.js';

// The one place personal data crosses between clear and sealed. The domain decides and folds a
// PersonRegistered with the resident ID, name and birth date in clear; what the log stores is a
// PersonRegisteredSealed holding them encrypted under the person's data key, so the SM3 chain,
// the Kafka messages and every copy of the log carry only ciphertext. Opening a sealed
// registration whose key was destroyed (the person was erased) gives empty personal fields: the
// domain state of an erased person holds none (evolvePerson clears them on PersonErased too).

export interface PersonalData {
  readonly nationalId: string;
  readonly name: string;
  readonly birthDate: string;
}

interface Recorded {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

const erasedFields: PersonalData = { nationalId: '', name: '', birthDate: '' };

@Injectable()
export class PersonalDataCodec {
  constructor(private readonly keys: PersonKeys) {}

  /** The events as the log stores them: a PersonRegistered becomes its PersonRegisteredSealed. */
  async sealForLog(personId: string, events: readonly PersonEvent[]): Promise<DecidedEvent[]> {
    const stored: DecidedEvent[] = [];
    for (const event of events) {
      if (event.type !== 'PersonRegistered') {
        stored.push(event);
        continue;
      }
      const { nationalId, name, birthDate, regionCode } = event.data;
      const key = await this.keys.keyFor(personId);
      const personal: PersonalData = { nationalId, name, birthDate };
      stored.push({
        type: 'PersonRegisteredSealed',
        data: {
          personId: event.data.personId,
          regionCode,
          sealed: seal(key, Buffer.from(JSON.stringify(personal), 'utf8'), personId),
        },
      });
    }
    return stored;
  }

  /** A recorded event of a person's stream as the domain sees it: a sealed registration opened. */
  async openForDomain<E extends Recorded>(recorded: E): Promise<E> {
    if (recorded.type !== 'PersonRegisteredSealed') return recorded;
    const { personId, regionCode } = recorded.data as { personId: string; regionCode: string };
    const personal = (await this.personalData(recorded)) ?? erasedFields;
    return {
      ...recorded,
      type: 'PersonRegistered',
      data: { personId, ...personal, regionCode },
    };
  }

  /**
   * The personal data of a sealed registration, or null once the person's key was destroyed.
   * Undefined for any other event (a legacy PersonRegistered holds its data in clear).
   */
  async personalData(recorded: Recorded): Promise<PersonalData | null | undefined> {
    if (recorded.type !== 'PersonRegisteredSealed') return undefined;
    const { personId, sealed } = recorded.data as { personId: string; sealed: Sealed };
    const key = await this.keys.existingKey(personId);
    if (!key) return null;
    return JSON.parse(open(key, sealed, personId).toString('utf8')) as PersonalData;
  }
}
