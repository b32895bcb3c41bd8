import { Inject, Injectable } from '@nestjs/common';
import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import { logReaderToken, type LogReader } from '../../eventstore/log-reader.port.js';
import { institutionFacts, type InstitutionFacts } from '../domain/institution-facts.js';

/** Claims read per page, and claim ids asked about per read of their reversals and corrections. */
export const institutionClaimsPage = 10_000;
/** each claim has at most one reversal; corrections beyond this many per claim on average would be a broken log */
const laterEventsPerClaimMax = 64;

/**
 * An institution's claims and their reversals and corrections, read from the log at or below a
 * position (the log itself, or its verified copy with KurrentDB: the caller waits for it with
 * ReadModels.ready first), in bounded pages. The claims come from the events_institution index;
 * their reversals and corrections from the subject index, by claim id.
 */
@Injectable()
export class InstitutionFactsReader {
  constructor(@Inject(logReaderToken) private readonly log: LogReader) {}

  async read(institutionId: string, toPosition: number): Promise<InstitutionFacts> {
    const events: RecordedEvent[] = [];
    let afterPosition = 0;
    for (;;) {
      const page = await this.log.settledAt(institutionId, {
        toPosition,
        afterPosition,
        max: institutionClaimsPage,
      });
      if (page.length === 0) break;
      events.push(...page);
      const claimIds = page.map((e) => String(e.data.claimId));
      events.push(
        ...(await this.log.about(claimIds, {
          types: ['ClaimReversed', 'ClaimCorrected'],
          toPosition,
          max: claimIds.length * laterEventsPerClaimMax,
        })),
      );
      if (page.length < institutionClaimsPage) break;
      afterPosition = page.at(-1)!.position;
    }
    return institutionFacts(events);
  }
}
