import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { decidePerson } from '../domain/person.decider.js';
import { personIdFor } from '../domain/person-id.js';
import { PersonRepository } from './person.repository.js';

export class RegisterPersonCommand {
  constructor(
    readonly input: { nationalId: string; name: string; birthDate: string; regionCode: string },
    readonly context: WriteContext,
  ) {}
}

/** One record per resident ID: the same data again answers 200 with the same personId. */
@CommandHandler(RegisterPersonCommand)
export class RegisterPersonHandler implements ICommandHandler<RegisterPersonCommand, WriteResponse> {
  constructor(
    private readonly writes: WriteService,
    private readonly persons: PersonRepository,
  ) {}

  execute({ input, context }: RegisterPersonCommand): Promise<WriteResponse> {
    const personId = personIdFor(input.nationalId);
    return this.writes.execute(context, async () => {
      const state = await this.persons.load(personId);
      const events = decidePerson({ type: 'RegisterPerson', data: { personId, ...input } }, state);
      const body = { personId };
      if (events.length === 0 && state.status === 'registered') {
        return { kind: 'unchanged', position: state.registeredAt, response: { statusCode: 200, body } };
      }
      return { kind: 'append', streams: [this.persons.streamAppend(personId, state, events)], response: { statusCode: 201, body } };
    });
  }
}
