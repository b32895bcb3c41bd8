import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { eventStoreToken, type EventStore } from '../../eventstore/event-store.port.js';
import { logReaderToken, type LogReader } from '../../eventstore/log-reader.port.js';
import { ReadModels } from '../../read-models/read-models.module.js';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { conflictWith, invalid, missing } from '../../shared/domain/refusal.js';
import { AlertsQuery } from '../../../projections/alerts/alerts.query.js';
import { checkOutcome, type AlertOutcome } from '../domain/alert-outcomes.js';

export class ResolveAlertCommand {
  constructor(
    readonly alertId: string,
    readonly input: { outcome: AlertOutcome; note: string; statusPosition?: number },
    readonly context: WriteContext,
  ) {}
}

/** One finding per alert: the alert's own stream takes exactly one AlertResolved. */
@CommandHandler(ResolveAlertCommand)
export class ResolveAlertHandler implements ICommandHandler<ResolveAlertCommand, WriteResponse> {
  constructor(
    private readonly writes: WriteService,
    private readonly alerts: AlertsQuery,
    private readonly readModels: ReadModels,
    @Inject(eventStoreToken) private readonly store: EventStore,
    @Inject(logReaderToken) private readonly log: LogReader,
  ) {}

  async execute({ alertId, input, context }: ResolveAlertCommand): Promise<WriteResponse> {
    const alert = /^alr_[0-9a-f]{24}$/.test(alertId) ? await this.alerts.find(alertId) : undefined;
    if (!alert) throw missing('not-found', `no alert ${alertId}`);
    checkOutcome(alert.rule, input.outcome, input.statusPosition);
    if (input.statusPosition !== undefined)
      await this.requireGrantingStatusChange(alert.personId, input.statusPosition);
    const streamId = `alert-${alertId}`;
    return this.writes.execute(
      context,
      async () => {
        const [earlier] = await this.store.readStream(streamId);
        if (earlier)
          throw conflictWith(
            'already-resolved',
            `alert ${alertId} was ${String(earlier.data.outcome)}`,
          );
        return {
          kind: 'append',
          streams: [
            {
              streamId,
              expectedVersion: 'no-stream',
              events: [{ type: 'AlertResolved', data: { alertId, ...input } }],
            },
          ],
          response: {
            statusCode: 201,
            body: {
              alertId,
              status: input.outcome,
              ...(input.statusPosition === undefined
                ? {}
                : { statusPosition: input.statusPosition }),
            },
          },
        };
      },
      streamId,
    );
  }

  /**
   * assistance-granted names the status change it led to: an AssistanceStatusChanged of the
   * alert's person into an assistance category (not `none`). Anything else is 400 naming
   * statusPosition: the field points at the wrong fact.
   */
  private async requireGrantingStatusChange(
    personId: string | null,
    statusPosition: number,
  ): Promise<void> {
    const wrong = (why: string) => invalid('statusPosition', `position ${statusPosition} ${why}`);
    if (personId === null) throw wrong('names no status change: the alert has no person');
    await this.readModels.ready({ now: ['log'] });
    const refs = await this.log.refsInStream(`person-${personId}`, {
      types: ['AssistanceStatusChanged'],
      toPosition: statusPosition,
      max: 1000,
    });
    const ref = refs.find((r) => r.position === statusPosition);
    if (!ref) throw wrong("is no assistance status change of the alert's person");
    const fields = await this.log.fieldsOf([ref.eventId], { category: ['category'] });
    if (fields.get(ref.eventId)?.category === 'none')
      throw wrong('ends the assistance (category none); it grants none');
  }
}
