import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { decidePerson, type PersonCommand } from '../domain/person.decider.js';
import { PersonRepository } from './person.repository.js';
import { personStreamId } from '../domain/person-events.js';

/** Assistance status changes and death: facts appended to the person's stream. */
export class ChangePersonStatusCommand {
  constructor(
    readonly personId: string,
    readonly command: Extract<PersonCommand, { type: 'ChangeAssistanceStatus' | 'RecordDeath' }>,
    readonly context: WriteContext,
  ) {}
}

@CommandHandler(ChangePersonStatusCommand)
export class ChangePersonStatusHandler implements ICommandHandler<ChangePersonStatusCommand, WriteResponse> {
  constructor(
    private readonly writes: WriteService,
    private readonly persons: PersonRepository,
  ) {}

  execute({ personId, command, context }: ChangePersonStatusCommand): Promise<WriteResponse> {
    return this.writes.execute(context, async () => {
      const state = await this.persons.load(personId);
      const events = decidePerson(command, state);
      return {
        kind: 'append',
        streams: [this.persons.streamAppend(personId, state, events)],
        response: { statusCode: 201, body: { personId, ...command.data } },
      };
    }, personStreamId(personId));
  }
}
