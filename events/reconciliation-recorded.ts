import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id, LocalDate, RegionCode } from './schema-types.js';

/** Differences kept in the event per list; the counts are always complete (the rest is recomputable from the file, whose hash is recorded, and the log up to ledgerPosition). */
export const reconciliationListMax = 1000;

const Amount = Type.Integer({
  minimum: -Number.MAX_SAFE_INTEGER,
  maximum: Number.MAX_SAFE_INTEGER,
});
const Key = Type.String({ minLength: 1, maxLength: 64 });

const Totals = Type.Record(Type.String({ maxLength: 32 }), Amount);

const KeyedResult = Type.Object(
  {
    matched: Type.Integer({ minimum: 0 }),
    mismatchedCount: Type.Integer({ minimum: 0 }),
    missingInLedgerCount: Type.Integer({ minimum: 0 }),
    missingInFileCount: Type.Integer({ minimum: 0 }),
    mismatched: Type.Array(
      Type.Record(
        Type.String({ maxLength: 32 }),
        Type.Union([Type.String({ maxLength: 64 }), Amount]),
      ),
      { maxItems: reconciliationListMax },
    ),
    missingInLedger: Type.Array(Key, { maxItems: reconciliationListMax }),
    missingInFile: Type.Array(Key, { maxItems: reconciliationListMax }),
    totals: Type.Object(
      { file: Totals, ledger: Totals, agree: Type.Boolean() },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const Figures = Type.Object(
  { incomeFen: Amount, expenseFen: Amount, closingBalanceFen: Amount },
  { additionalProperties: false },
);

const FundResult = Type.Object(
  { ledger: Figures, treasury: Figures, differenceFen: Figures },
  { additionalProperties: false },
);

export const ReconciliationRecorded = defineEvent({
  type: 'ReconciliationRecorded',
  version: 1,
  description:
    "A reconciliation (对账) and its result: a hospital's monthly file, the tax collector's collection file or the treasury's quarterly assistance-fund figures compared with the ledger (POLICY.md \"Reconciliation\"). Records what was received (its SHA-256 as received, format, size, lines), who, the business-date range, the log position the ledger side was read at, and the result. No money moves. Stream: reconciliation-{kind}-{scope}.",
  schema: Type.Object(
    {
      reconciliationId: Id,
      kind: Type.Union([
        Type.Literal('institution'),
        Type.Literal('collections'),
        Type.Literal('assistance-fund'),
      ]),
      institutionId: Type.Union([Id, Type.Null()]),
      /** the pooling region compared (collections, assistance fund); null for an institution */
      regionCode: Type.Union([RegionCode, Type.Null()]),
      /** YYYY-MM, YYYY-Qn, or from..to */
      period: Type.String({ minLength: 1, maxLength: 32 }),
      from: LocalDate,
      to: LocalDate,
      received: Type.Object(
        {
          format: Type.Union([Type.Literal('json'), Type.Literal('csv')]),
          hashAlgorithm: Type.Literal('SHA-256'),
          hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
          bytes: Type.Integer({ minimum: 0 }),
          lines: Type.Integer({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
      recordedBy: Type.String({ minLength: 1, maxLength: 200 }),
      recordedOn: LocalDate,
      /** the ledger side was read from the log up to this position */
      ledgerPosition: Type.Integer({ minimum: 0 }),
      /** SHA-256 of the full result (lists unabridged), canonical JSON */
      resultHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
      agree: Type.Boolean(),
      result: Type.Union([KeyedResult, FundResult]),
    },
    { additionalProperties: false },
  ),
});
