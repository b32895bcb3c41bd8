import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Fen, Id, LocalDate } from './schema-types.js';

export const FundAmounts = Type.Object(
  { basicFen: Fen, criticalIllnessFen: Fen, assistanceFen: Fen, reAssistanceFen: Fen },
  { additionalProperties: false },
);

const Fund = Type.Union([
  Type.Literal('basic'),
  Type.Literal('critical-illness'),
  Type.Literal('assistance'),
  Type.Literal('re-assistance'),
]);

export const InstitutionSettlementApproved = defineEvent({
  type: 'InstitutionSettlementApproved',
  version: 1,
  description:
    "A monthly settlement (月结) of an institution: the claims it took (business date in the month or before, not taken before), the extra shares owed by corrections, its gross per fund, the recoveries (追回) it offset (oldest first, in full or in part) and its net per fund and in total. Moves no money: the claims' shares are already on payable:institution:{id}; the payment does. Everything was read from the log at or below `throughPosition`. Stream: institution-settlements-{institutionId}.",
  schema: Type.Object(
    {
      settlementId: Id,
      institutionId: Id,
      month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
      approvedOn: LocalDate,
      throughPosition: Type.Integer({ minimum: 0 }),
      claims: Type.Array(
        Type.Object(
          { claimId: Id, position: Type.Integer({ minimum: 1 }), shares: FundAmounts },
          { additionalProperties: false },
        ),
        { maxItems: 200000 },
      ),
      /** corrections whose new share exceeded the old: owed to the institution, added to gross */
      owed: Type.Array(
        Type.Object(
          {
            claimId: Id,
            position: Type.Integer({ minimum: 1 }),
            fund: Fund,
            amountFen: Fen,
          },
          { additionalProperties: false },
        ),
        { maxItems: 200000 },
      ),
      /** each recovery offset here, in full or in part: the event that recorded it and the amount withheld */
      offsets: Type.Array(
        Type.Object(
          {
            claimId: Id,
            position: Type.Integer({ minimum: 1 }),
            fund: Fund,
            amountFen: Fen,
          },
          { additionalProperties: false },
        ),
        { maxItems: 200000 },
      ),
      grossFen: FundAmounts,
      offsetsFen: FundAmounts,
      netByFundFen: FundAmounts,
      netFen: Fen,
    },
    { additionalProperties: false },
  ),
});
