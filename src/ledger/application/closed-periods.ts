import { Inject, Injectable } from '@nestjs/common';
import { eventStoreToken, type EventStore } from '../../eventstore/event-store.port.js';
import { refuse } from '../../shared/domain/refusal.js';

// The closed-years lookup every dated write asks before it decides (issue 14 item 4): a write
// dated in a sealed coverage year is refused with 422 period-closed and records nothing.
// The seals are the PeriodClosed events of the stream ledger-periods.

export const periodsStreamId = 'ledger-periods';

@Injectable()
export class ClosedPeriods {
  constructor(@Inject(eventStoreToken) private readonly store: EventStore) {}

  async years(): Promise<Set<number>> {
    const events = await this.store.readStream(periodsStreamId);
    return new Set(
      events.filter((e) => e.type === 'PeriodClosed').map((e) => (e.data as { year: number }).year),
    );
  }

  /** Refuses (422 period-closed) when the year is sealed; `what` names the write and its date. */
  async refuseIfClosed(year: number, what: string): Promise<void> {
    if ((await this.years()).has(year))
      throw refuse('period-closed', `${what} is dated in ${year}, a closed period (年度已清算)`);
  }
}
