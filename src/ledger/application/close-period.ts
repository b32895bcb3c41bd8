import { Inject, Injectable } from '@nestjs/common';
import { eventStoreToken, type EventStore } from '../../eventstore/event-store.port.js';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { FundsQuery } from '../../../projections/fund-balances/funds.query.js';
import { conflictWith } from '../../shared/domain/refusal.js';
import { balancesHash } from '../domain/balances-hash.js';
import { periodsStreamId } from './closed-periods.js';
import { VerifiableLedger } from './verifiable-ledger.js';

// POST /ledger/periods/{year}/close (年度清算): seals a coverage year. The seal records the last
// position of the log, the hash of every fund balance of the year as of that position and a
// signed checkpoint of the log at that size, as a PeriodClosed event; from then on writes dated in
// the year are refused (ClosedPeriods). A second close is 409 already-closed.

@Injectable()
export class ClosePeriod {
  constructor(
    private readonly writes: WriteService,
    @Inject(eventStoreToken) private readonly store: EventStore,
    private readonly ledger: VerifiableLedger,
    private readonly funds: FundsQuery,
  ) {}

  close(year: number, context: WriteContext): Promise<WriteResponse> {
    return this.writes.execute(
      context,
      async () => {
        const recorded = await this.store.readStream(periodsStreamId);
        if (
          recorded.some(
            (e) => e.type === 'PeriodClosed' && (e.data as { year: number }).year === year,
          )
        )
          throw conflictWith('already-closed', `the coverage year ${year} is already closed`);
        const lastPosition = await this.store.headPosition();
        const balances = (await this.funds.funds({ year, asOfPosition: lastPosition })).filter(
          (f) => f.year === year,
        );
        const checkpoint = await this.ledger.checkpoint('period-close', lastPosition);
        const data = { year, lastPosition, balancesHash: balancesHash(balances), checkpoint };
        return {
          kind: 'append',
          streams: [
            {
              streamId: periodsStreamId,
              expectedVersion: recorded.length === 0 ? 'no-stream' : recorded.length,
              events: [{ type: 'PeriodClosed', data }],
            },
          ],
          response: { statusCode: 201, body: data },
        };
      },
      periodsStreamId,
    );
  }
}
