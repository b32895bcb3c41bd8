import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { decideInstitution, type InstitutionCommand } from '../domain/institution.decider.js';
import { institutionStreamId, type InstitutionEvent } from '../domain/institution-registry.js';
import { InstitutionRepository, type RecordedInstitutionEvent } from './institution.repository.js';

/** A registry write: registration, level change or suspension of one institution. */
export class RecordInstitutionCommand {
  constructor(
    readonly command: InstitutionCommand,
    readonly context: WriteContext,
  ) {}
}

/**
 * Load the institution's stream, decide, append at its version (a concurrent write to the same
 * institution makes the append fail and the command is decided again). A repeat answers 200 with
 * the position of the event it repeats.
 */
@CommandHandler(RecordInstitutionCommand)
export class RecordInstitutionHandler implements ICommandHandler<
  RecordInstitutionCommand,
  WriteResponse
> {
  constructor(
    private readonly writes: WriteService,
    private readonly institutions: InstitutionRepository,
  ) {}

  execute({ command, context }: RecordInstitutionCommand): Promise<WriteResponse> {
    const { institutionId } = command.data;
    const streamId = institutionStreamId(institutionId);
    const body = { institutionId };
    return this.writes.execute(
      context,
      async () => {
        const state = await this.institutions.load(institutionId);
        const events = decideInstitution(command, state);
        if (events.length === 0) {
          return {
            kind: 'unchanged',
            position: repeatedPosition(command, state.recorded),
            response: { statusCode: 200, body },
          };
        }
        return {
          kind: 'append',
          streams: [
            {
              streamId,
              expectedVersion: state.version === 0 ? 'no-stream' : state.version,
              events,
            },
          ],
          response: { statusCode: 201, body },
        };
      },
      streamId,
    );
  }
}

/** The position of the event a repeat repeats: the latest with the same data, else the registration (a level change to the registered level from the agreement's start). */
function repeatedPosition(
  command: InstitutionCommand,
  recorded: readonly RecordedInstitutionEvent[],
): number {
  const same = (e: InstitutionEvent): boolean => {
    if (command.type === 'ChangeInstitutionLevel' && e.type === 'InstitutionLevelChanged')
      return (
        e.data.level === command.data.level && e.data.effectiveFrom === command.data.effectiveFrom
      );
    if (command.type === 'SuspendInstitution' && e.type === 'InstitutionSuspended')
      return (
        e.data.from === command.data.from &&
        e.data.to === command.data.to &&
        e.data.reason === command.data.reason
      );
    return false;
  };
  const match = [...recorded].reverse().find((r) => same(r.event));
  return (match ?? recorded[0]!).position;
}
