import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OpaqueIds } from '../../identity/opaque-ids.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { PersonCommandPath } from '../../person-stream/application/person-command-path.js';
import { PersonStreamRepository } from '../../person-stream/application/person-stream.repository.js';
import { decidePerson, type PersonCommand } from '../domain/person.decider.js';
import { legacyPersonIdFor, newPersonId, residentLookupStreamId } from '../domain/person-id.js';

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
export class RegisterPersonHandler implements ICommandHandler<
  RegisterPersonCommand,
  WriteResponse
> {
  constructor(
    private readonly path: PersonCommandPath,
    private readonly persons: PersonStreamRepository,
    private readonly ids: OpaqueIds,
  ) {}

  execute({ input, context }: RegisterPersonCommand): Promise<WriteResponse> {
    const lookupStreamId = residentLookupStreamId(this.ids.residentLookup(input.nationalId));
    // found on each attempt by personId(), read by alongside() of the same attempt
    let linked: string | undefined;
    return this.path.execute<PersonCommand>(context, {
      personId: async () => {
        linked = await this.persons.linkedPerson(lookupStreamId);
        return linked ?? (await this.registeredBefore11(input.nationalId)) ?? newPersonId();
      },
      command: (_, personId) => ({ type: 'RegisterPerson', data: { personId, ...input } }),
      decide: decidePerson,
      alongside: (_, __, personId) => ({
        before: linked
          ? []
          : [
              {
                streamId: lookupStreamId,
                expectedVersion: 'no-stream',
                events: [{ type: 'PersonIdAssigned', data: { personId } }],
              },
            ],
      }),
      view: (_, person) => ({ personId: person.personId }),
      repeat: { statusCode: 200, position: (_, person) => person.registeredAt },
    });
  }

  /** A log written before 1.1 named the person by a hash of the ID and has no lookup stream. */
  private async registeredBefore11(nationalId: string): Promise<string | undefined> {
    const legacyId = legacyPersonIdFor(nationalId);
    return (await this.persons.load(legacyId)).status === 'registered' ? legacyId : undefined;
  }
}
