import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Breakdown } from './claim-settled.js';
import { AnnualSumsSchema, ClaimTiersSchema } from './settlement-schemas.js';
import { Fen, Id, LocalDate, Postings, Year } from './schema-types.js';

/** A signed amount of fen: what a correction takes back from a fund (negative: what it owes more). */
const SignedFen = Type.Integer({
  minimum: -Number.MAX_SAFE_INTEGER,
  maximum: Number.MAX_SAFE_INTEGER,
  description: 'integer fen (分), signed',
});

const Amounts = Type.Object(
  { totalCostFen: Fen, policyCostFen: Fen, breakdown: Breakdown },
  { additionalProperties: false },
);

export const ClaimCorrected = defineEvent({
  type: 'ClaimCorrected',
  version: 1,
  description:
    "A settled claim whose costs were partly disallowed (违规费用), reversed and settled again with the corrected totalCostFen and policyCostFen in one event, against the person's annual sums as they stood after the reversal (later claims are not re-settled). Per fund, `recovered` = old share - new share returns from payable:institution:{id} to the fund (追回); a negative amount is owed to the institution and moves from the fund to the payable. Stream: person-{personId}.",
  schema: Type.Object(
    {
      claimId: Id,
      personId: Id,
      institutionId: Id,
      regionCode: Type.String({ pattern: '^\\d{6}$' }),
      coverageYear: Year,
      reason: Type.String({ minLength: 1, maxLength: 500 }),
      correctedOn: LocalDate,
      before: Amounts,
      after: Amounts,
      recovered: Type.Object(
        {
          basicFen: SignedFen,
          criticalIllnessFen: SignedFen,
          assistanceFen: SignedFen,
          reAssistanceFen: SignedFen,
        },
        { additionalProperties: false },
      ),
      /** the re-settlement's tiers, as a ClaimSettled records them */
      tiers: ClaimTiersSchema,
      annualSumsBefore: AnnualSumsSchema,
      annualSumsAfterReversal: AnnualSumsSchema,
      annualSumsAfter: AnnualSumsSchema,
      postings: Postings,
    },
    { additionalProperties: false },
  ),
});
