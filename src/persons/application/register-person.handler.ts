import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OpaqueIds } from '../../identity/opaque-ids.js';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { DecidedStream, WriteDecision, WriteResponse } from '../../write/write-decision.js';
import { decidePerson } from '../domain/person.decider.js';
import { legacyPersonIdFor, newPersonId, residentLookupStreamId } from '../domain/person-id.js';
import { PersonRepository } from './person.repository.js';

export class RegisterPersonCommand {
  constructor(
    readonly input: { nationalId: string; name: string; birthDate: string; regionCode: string },
    readonly context: WriteContext,
  ) {}
}

/**
 * One record per resident ID: the same data again answers 200 with the same personId. A new
 * person gets a random id and a lookup stream (named by a keyed MAC of the resident ID) created
 * with expected version no-stream in the same atomic append, so of two racing registrations one
 * creates the link and the other, retried, finds it.
 */
@CommandHandler(RegisterPersonCommand)
export class RegisterPersonHandler implements ICommandHandler<RegisterPersonCommand, WriteResponse> {
  constructor(
    private readonly writes: WriteService,
    private readonly persons: PersonRepository,
    private readonly ids: OpaqueIds,
  ) {}

  execute({ input, context }: RegisterPersonCommand): Promise<WriteResponse> {
    const lookupStreamId = residentLookupStreamId(this.ids.residentLookup(input.nationalId));
    return this.writes.execute(context, async () => {
      const linked = await this.persons.linkedPerson(lookupStreamId);
      const personId = linked ?? (await this.registeredBefore11(input.nationalId)) ?? newPersonId();
      const state = await this.persons.load(personId);
      const events = decidePerson({ type: 'RegisterPerson', data: { personId, ...input } }, state);
      const body = { personId };
      if (events.length === 0 && state.status === 'registered') {
        return { kind: 'unchanged', position: state.registeredAt, response: { statusCode: 200, body } };
      }
      const link: DecidedStream = { streamId: lookupStreamId, expectedVersion: 'no-stream', events: [{ type: 'PersonIdAssigned', data: { personId } }] };
      const streams = [...(linked ? [] : [link]), this.persons.streamAppend(personId, state, events)];
      return { kind: 'append', streams, response: { statusCode: 201, body } } satisfies WriteDecision;
    });
  }

  /** A log written before 1.1 named the person by a hash of the ID and has no lookup stream. */
  private async registeredBefore11(nationalId: string): Promise<string | undefined> {
    const legacyId = legacyPersonIdFor(nationalId);
    return (await this.persons.load(legacyId)).status === 'registered' ? legacyId : undefined;
  }
}
