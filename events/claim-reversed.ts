import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { AnnualSumsSchema } from './settlement-schemas.js';
import { Fen, Id, LocalDate, Postings, Year } from './schema-types.js';

export const ClaimReversed = defineEvent({
  type: 'ClaimReversed',
  version: 1,
  description:
    "A settled claim reversed (追回, e.g. after confirmed fraud): each tier's money returns to its fund and the claim's amounts leave the person's annual sums. Later claims are not re-settled. Stream: person-{personId}.",
  schema: Type.Object(
    {
      claimId: Id,
      personId: Id,
      coverageYear: Year,
      reason: Type.String({ minLength: 1, maxLength: 500 }),
      reversedOn: LocalDate,
      returned: Type.Object(
        { basicFen: Fen, criticalIllnessFen: Fen, assistanceFen: Fen, reAssistanceFen: Fen },
        { additionalProperties: false },
      ),
      // what of `returned` comes from the institution's payable (the rest from the person's
      // accounts, after a re-adjudication); absent in events recorded before it existed: all of it
      fromInstitution: Type.Optional(
        Type.Object(
          { basicFen: Fen, criticalIllnessFen: Fen, assistanceFen: Fen, reAssistanceFen: Fen },
          { additionalProperties: false },
        ),
      ),
      annualSumsAfter: AnnualSumsSchema,
      postings: Postings,
    },
    { additionalProperties: false },
  ),
});
