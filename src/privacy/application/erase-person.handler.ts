import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { eventStoreToken, type EventStore } from '../../eventstore/event-store.port.js';
import { PersonCommandPath } from '../../person-stream/application/person-command-path.js';
import { personStreamId } from '../../person-stream/domain/person-events.js';
import { isPersonId } from '../../persons/domain/person-id.js';
import { missing } from '../../shared/domain/refusal.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { decideErasure, type ErasePerson } from '../domain/erase-person.decider.js';
import { PersonKeys } from './person-keys.js';

export class ErasePersonCommand {
  constructor(
    readonly personId: string,
    readonly legalBasis: string,
    readonly context: WriteContext,
  ) {}
}

/**
 * POST /persons/{personId}/erasure: PersonErased is appended first, then the person's data key is
 * destroyed. In that order a crash between the two leaves an erasure recorded (reads already say
 * erased) whose key a repeat of the request destroys; the other order could destroy data with no
 * record of why. Every answer that says erased (201, a repeat's 200, an idempotent replay) runs
 * the destruction again, which is harmless.
 */
@CommandHandler(ErasePersonCommand)
export class ErasePersonHandler implements ICommandHandler<ErasePersonCommand, WriteResponse> {
  constructor(
    private readonly path: PersonCommandPath,
    private readonly keys: PersonKeys,
    @Inject(eventStoreToken) private readonly store: EventStore,
  ) {}

  async execute({ personId, legalBasis, context }: ErasePersonCommand): Promise<WriteResponse> {
    if (!isPersonId(personId)) throw missing('not-found', `no person ${personId}`);
    const response = await this.path.execute<ErasePerson, boolean>(context, {
      personId,
      prepare: () => this.registrationSealed(personId),
      command: (_, __, registrationSealed) => ({ legalBasis, registrationSealed }),
      decide: decideErasure,
      view: (_, person) => ({
        personId,
        erased: true,
        legalBasis: person.erasure?.legalBasis ?? legalBasis,
      }),
      repeat: { statusCode: 200, position: (_, person) => person.erasure?.erasedAt ?? 0 },
    });
    if (response.statusCode < 300) await this.keys.destroy(personId);
    return response;
  }

  private async registrationSealed(personId: string): Promise<boolean> {
    const [first] = await this.store.readStream(personStreamId(personId), {
      toPosition: undefined,
    });
    return first?.type === 'PersonRegisteredSealed';
  }
}
