import { Inject, Injectable } from '@nestjs/common';
import { logReaderToken, type LogReader } from '../../eventstore/log-reader.port.js';
import { institutionFacts, type InstitutionFacts } from '../domain/institution-facts.js';

/** At most this many claims of one institution are read for a settlement; more is an error to report, never a partial settlement. */
export const institutionClaimsMax = 200_000;

/**
 * An institution's claims and their reversals and corrections, read from the log at or below a
 * position (the log itself, or its verified copy with KurrentDB: the caller waits for it with
 * ReadModels.ready first). The claims come from the events_institution index; their reversals and
 * corrections from the subject index, by claim id.
 */
@Injectable()
export class InstitutionFactsReader {
  constructor(@Inject(logReaderToken) private readonly log: LogReader) {}

  async read(institutionId: string, toPosition: number): Promise<InstitutionFacts> {
    const settled = await this.log.settledAt(institutionId, {
      toPosition,
      max: institutionClaimsMax + 1,
    });
    if (settled.length > institutionClaimsMax)
      throw new Error(
        `institution ${institutionId} has more than ${institutionClaimsMax} claims: too many for one settlement read`,
      );
    const claimIds = settled.map((e) => String(e.data.claimId));
    const later =
      claimIds.length === 0
        ? []
        : await this.log.about(claimIds, {
            types: ['ClaimReversed', 'ClaimCorrected'],
            toPosition,
            max: institutionClaimsMax * 8,
          });
    return institutionFacts([...settled, ...later]);
  }
}
