import { Inject, Injectable } from '@nestjs/common';
import { eventStoreToken, type EventStore } from '../../eventstore/event-store.port.js';
import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import { refuse } from '../../shared/domain/refusal.js';

// The closed-years lookup every dated write asks before it decides (issue 14 item 4): a write
// dated in a sealed coverage year is refused with 422 period-closed and records nothing.
// The seals are the PeriodClosed events of the stream ledger-periods.

export const periodsStreamId = 'ledger-periods';

@Injectable()
export class ClosedPeriods {
  constructor(@Inject(eventStoreToken) private readonly store: EventStore) {}

  async years(): Promise<Set<number>> {
    return ClosedPeriods.yearsIn(await this.store.readStream(periodsStreamId));
  }

  /** Refuses (422 period-closed) when the year is sealed; `what` names the write and its date. */
  async refuseIfClosed(year: number, what: string): Promise<void> {
    ClosedPeriods.refuseIfClosedIn(await this.years(), year, what);
  }

  /** The sealed years recorded in events of the stream ledger-periods (read by the caller, e.g. in one read with other streams). */
  static yearsIn(events: readonly RecordedEvent[]): Set<number> {
    return new Set(
      events.filter((e) => e.type === 'PeriodClosed').map((e) => (e.data as { year: number }).year),
    );
  }

  /** refuseIfClosed on sealed years the caller read itself. */
  static refuseIfClosedIn(closed: ReadonlySet<number>, year: number, what: string): void {
    if (closed.has(year))
      throw refuse('period-closed', `${what} is dated in ${year}, a closed period (年度已清算)`);
  }
}
