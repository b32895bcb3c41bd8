import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Breakdown } from './claim-settled.js';
import { AnnualSumsSchema, ClaimTiersSchema, ReliefTiersSchema } from './settlement-schemas.js';
import {
  AssistanceStatus,
  Fen,
  Id,
  LocalDate,
  Postings,
  RegionCode,
  Year,
} from './schema-types.js';

/** A signed amount of fen: a difference, new minus old. */
const SignedFen = Type.Integer({
  minimum: -Number.MAX_SAFE_INTEGER,
  maximum: Number.MAX_SAFE_INTEGER,
  description: 'integer fen (分), signed: new minus old',
});

/** One claim or relief grant of the year, settled again: its shares before and after. */
const ReadjudicatedItem = Type.Object(
  {
    kind: Type.Union([Type.Literal('claim'), Type.Literal('relief')]),
    /** the claim's or grant's id */
    id: Id,
    regionCode: RegionCode,
    /** the category in force on its date, as now recorded */
    assistanceCategory: AssistanceStatus,
    /** a relief grant: basic and critical illness 0, personal the burden it leaves */
    before: Breakdown,
    after: Breakdown,
    tiers: Type.Union([ClaimTiersSchema, ReliefTiersSchema]),
  },
  { additionalProperties: false },
);

export const PersonYearReadjudicated = defineEvent({
  type: 'PersonYearReadjudicated',
  version: 1,
  description:
    "Re-adjudication (重新结算) of a person's coverage year: the year's settled, unreversed claims and relief grants settled again in recorded order from zero annual sums with the categories as now recorded. Per item the shares before and after; per tier the difference (new - old); a fund's positive total difference is owed to the person (fund -> payable:person), a negative one recovered from the person (receivable:person -> fund). The year's annual sums become annualSumsAfter. Nothing changes for the institution. Stream: person-{personId}.",
  schema: Type.Object(
    {
      personId: Id,
      coverageYear: Year,
      reason: Type.String({ minLength: 1, maxLength: 500 }),
      /** the recording date: the business date of the postings */
      readjudicatedOn: LocalDate,
      items: Type.Array(ReadjudicatedItem, { maxItems: 5000 }),
      differenceFen: Type.Object(
        {
          basicFen: SignedFen,
          criticalIllnessFen: SignedFen,
          assistanceFen: SignedFen,
          reAssistanceFen: SignedFen,
        },
        { additionalProperties: false },
      ),
      owedToPersonFen: Fen,
      owedByPersonFen: Fen,
      annualSumsBefore: AnnualSumsSchema,
      annualSumsAfter: AnnualSumsSchema,
      postings: Postings,
    },
    { additionalProperties: false },
  ),
});
