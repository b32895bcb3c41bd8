import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { eventStoreToken, type EventStore } from '../../eventstore/event-store.port.js';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { conflictWith, missing } from '../../shared/domain/refusal.js';
import { AlertsQuery } from '../../../projections/alerts/alerts.query.js';

export class ResolveAlertCommand {
  constructor(
    readonly alertId: string,
    readonly input: { outcome: 'confirmed' | 'dismissed'; note: string },
    readonly context: WriteContext,
  ) {}
}

/** One finding per alert: the alert's own stream takes exactly one AlertResolved. */
@CommandHandler(ResolveAlertCommand)
export class ResolveAlertHandler implements ICommandHandler<ResolveAlertCommand, WriteResponse> {
  constructor(
    private readonly writes: WriteService,
    private readonly alerts: AlertsQuery,
    @Inject(eventStoreToken) private readonly store: EventStore,
  ) {}

  async execute({ alertId, input, context }: ResolveAlertCommand): Promise<WriteResponse> {
    if (!/^alr_[0-9a-f]{24}$/.test(alertId) || !(await this.alerts.exists(alertId)))
      throw missing('not-found', `no alert ${alertId}`);
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
          response: { statusCode: 201, body: { alertId, status: input.outcome } },
        };
      },
      streamId,
    );
  }
}
