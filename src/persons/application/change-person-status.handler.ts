import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { PersonCommandPath } from '../../person-stream/application/person-command-path.js';
import { decidePerson, type PersonCommand } from '../domain/person.decider.js';
import { readjudicationNeeded } from '../../readjudication/domain/readjudication-needed.js';

/** Assistance status changes and death: facts appended to the person's stream. */
export class ChangePersonStatusCommand {
  constructor(
    readonly personId: string,
    readonly command: Extract<PersonCommand, { type: 'ChangeAssistanceStatus' | 'RecordDeath' }>,
    readonly context: WriteContext,
  ) {}
}

@CommandHandler(ChangePersonStatusCommand)
export class ChangePersonStatusHandler implements ICommandHandler<
  ChangePersonStatusCommand,
  WriteResponse
> {
  constructor(private readonly path: PersonCommandPath) {}

  execute({ personId, command, context }: ChangePersonStatusCommand): Promise<WriteResponse> {
    return this.path.execute(context, {
      personId,
      command: () => command,
      decide: decidePerson,
      view: (c, person) =>
        c.type === 'ChangeAssistanceStatus'
          ? {
              personId,
              ...c.data,
              readjudicationNeeded: readjudicationNeeded(person, c.data.effectiveFrom),
            }
          : { personId, ...c.data },
    });
  }
}
