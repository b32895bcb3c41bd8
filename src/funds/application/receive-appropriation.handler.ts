import { Inject } from '@nestjs/common';
import { ClosedPeriods } from '../../ledger/application/closed-periods.js';
import { yearOf } from '../../shared/domain/local-date.js';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { eventStoreToken, type EventStore } from '../../eventstore/event-store.port.js';
import { OpaqueIds } from '../../identity/opaque-ids.js';
import { WriteService } from '../../write/write.service.js';
import { poolingCity } from '../../shared/domain/pooling-region.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import {
  assistanceFundStreamId,
  decideAppropriation,
  evolveAssistanceFund,
  initialAssistanceFundState,
  type AppropriationData,
  type ReceiveAppropriation,
} from '../domain/appropriation.decider.js';

export class ReceiveAppropriationCommand {
  constructor(
    readonly input: Omit<ReceiveAppropriation, 'appropriationId'>,
    readonly context: WriteContext,
  ) {}
}

@CommandHandler(ReceiveAppropriationCommand)
export class ReceiveAppropriationHandler implements ICommandHandler<
  ReceiveAppropriationCommand,
  WriteResponse
> {
  constructor(
    private readonly writes: WriteService,
    private readonly periods: ClosedPeriods,
    @Inject(eventStoreToken) private readonly store: EventStore,
    private readonly ids: OpaqueIds,
  ) {}

  execute({ input, context }: ReceiveAppropriationCommand): Promise<WriteResponse> {
    // One stream per fund: a county's money goes to its pooling city's assistance fund
    // (POLICY.md "Pooling regions"), so a reference is unique per fund, whichever of the city's
    // codes it is sent under. A county's own stream (recorded before pooling) is read for repeats.
    const city = poolingCity(input.regionCode);
    const streamId = assistanceFundStreamId(city);
    const legacyStreamId =
      city === input.regionCode ? undefined : assistanceFundStreamId(input.regionCode);
    // Keyed (API.md 1.1); a repeat is found by its reference, so appropriations recorded before 1.1 keep their unkeyed ids.
    const appropriationId = this.ids.appropriationId(city, input.reference);
    return this.writes.execute(
      context,
      async () => {
        await this.periods.refuseIfClosed(
          yearOf(input.receivedOn),
          `the appropriation of ${input.receivedOn}`,
        );
        const recorded = await this.store.readStream(streamId);
        const legacy = legacyStreamId ? await this.store.readStream(legacyStreamId) : [];
        const state = [...legacy, ...recorded]
          .filter((e) => e.type === 'AppropriationReceived')
          .reduce(
            (s, e) => evolveAssistanceFund(s, e.data as AppropriationData, e.position),
            initialAssistanceFundState(),
          );
        const decision = decideAppropriation({ ...input, appropriationId }, state);
        if ('repeatOf' in decision) {
          return {
            kind: 'unchanged',
            position: decision.repeatOf.position,
            response: {
              statusCode: 200,
              body: { appropriationId: decision.repeatOf.data.appropriationId },
            },
          };
        }
        return {
          kind: 'append',
          streams: [
            {
              streamId,
              expectedVersion: recorded.length === 0 ? 'no-stream' : recorded.length,
              events: [{ type: 'AppropriationReceived', data: decision.event }],
            },
          ],
          response: { statusCode: 201, body: { appropriationId } },
        };
      },
      streamId,
    );
  }
}
