import { Type } from '@sinclair/typebox';

// Building blocks shared by the event schemas.

export const Fen = Type.Integer({
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
  description: 'integer fen (分)',
});
export const LocalDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD',
});
export const Id = Type.String({ minLength: 1, maxLength: 128 });
export const RegionCode = Type.String({
  pattern: '^\\d{6}$',
  description: 'GB/T 2260 region code',
});
export const Year = Type.Integer({ minimum: 1990, maximum: 2200 });

export const AssistanceCategory = Type.Union([
  Type.Literal('extreme-poverty'),
  Type.Literal('minimum-living-allowance'),
  Type.Literal('poverty-relapse'),
  Type.Literal('low-income-monitored'),
  Type.Literal('illness-impoverished'), // 因病致贫重病患者, on application (API 1.1)
]);
export const AssistanceStatus = Type.Union([AssistanceCategory, Type.Literal('none')]);

/** One line of double entry: exactly one of debitFen / creditFen is non-zero. */
export const Posting = Type.Object(
  {
    account: Type.String({ pattern: '^(fund|external|payable):[A-Za-z0-9:_.-]+$' }),
    debitFen: Fen,
    creditFen: Fen,
  },
  { additionalProperties: false },
);
export const Postings = Type.Array(Posting, { maxItems: 64 });
