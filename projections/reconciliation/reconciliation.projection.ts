import type { EventData } from '../../events/event-definition.js';
import type {
  ClaimCorrected,
  ClaimSettled,
  ContributionPaid,
  EnrollmentRegistered,
  ReconciliationRecorded,
} from '../../events/index.js';
import { poolingCity } from '../../src/shared/domain/pooling-region.js';
import { quoteIdent, type Projection } from '../projection.js';
import { insertByUnnest } from '../row-inserter.js';

type Settled = EventData<typeof ClaimSettled>;
type Corrected = EventData<typeof ClaimCorrected>;
type Registered = EventData<typeof EnrollmentRegistered>;
type Paid = EventData<typeof ContributionPaid>;
type Recorded = EventData<typeof ReconciliationRecorded>;

// The ledger side of reconciliation (对账), one case per event type:
// - a claim: its institution, business date (discharge for inpatient, service date for
//   outpatient), invoice, total cost and fund paid (the four fund shares); a reversal marks it.
//   A correction (ClaimCorrected) sets total_cost_fen and fund_paid_fen to the corrected amounts
//   (after.totalCostFen, the four shares of after.breakdown); a re-adjudication moves money
//   between the funds and the person only, never what the institution was paid, so it is no case.
// - a contribution paid with a receipt: its pooling region (from its enrollment), date, amount;
// - a reconciliation recorded: its summary, for GET /reconciliations.

const fundPaidFen = (b: Settled['breakdown']): number =>
  b.basicFen + b.criticalIllnessFen + b.assistanceFen + b.reAssistanceFen;

export const reconciliationProjection: Projection = {
  name: 'reconciliation',
  canHandle: [
    'ClaimSettled',
    'ClaimCorrected',
    'ClaimReversed',
    'EnrollmentRegistered',
    'ContributionPaid',
    'ReconciliationRecorded',
  ],
  tables: [
    'reconciliation_claims',
    'reconciliation_enrollments',
    'reconciliation_payments',
    'reconciliations',
  ],
  // rows keyed by claim, enrollment or reconciliation; a reversal or payment follows its
  // settlement or enrollment in the same person stream
  partitionable: true,
  schemaSql: (schema) => `
    CREATE TABLE ${quoteIdent(schema)}.reconciliation_claims (
      claim_id          text    PRIMARY KEY,
      institution_id    text    NOT NULL,
      business_date     date    NOT NULL,
      invoice_no        text    NOT NULL,
      total_cost_fen    bigint  NOT NULL,
      fund_paid_fen     bigint  NOT NULL,
      settled_position  bigint  NOT NULL,
      reversed_position bigint
    );
    CREATE INDEX reconciliation_claims_institution ON ${quoteIdent(schema)}.reconciliation_claims (institution_id, business_date);
    CREATE TABLE ${quoteIdent(schema)}.reconciliation_enrollments (
      enrollment_id     text    PRIMARY KEY,
      pooling_region    text    NOT NULL
    );
    CREATE TABLE ${quoteIdent(schema)}.reconciliation_payments (
      enrollment_id     text    PRIMARY KEY,
      receipt_no        text    NOT NULL,
      pooling_region    text    NOT NULL,
      paid_on           date    NOT NULL,
      amount_fen        bigint  NOT NULL,
      position          bigint  NOT NULL
    );
    CREATE INDEX reconciliation_payments_region ON ${quoteIdent(schema)}.reconciliation_payments (pooling_region, paid_on);
    CREATE TABLE ${quoteIdent(schema)}.reconciliations (
      reconciliation_id text        PRIMARY KEY,
      kind              text        NOT NULL,
      institution_id    text,
      region_code       text,
      period            text        NOT NULL,
      from_date         date        NOT NULL,
      to_date           date        NOT NULL,
      file_hash         text        NOT NULL,
      recorded_by       text        NOT NULL,
      recorded_at       timestamptz NOT NULL,
      agree             boolean     NOT NULL,
      summary           jsonb       NOT NULL,
      position          bigint      NOT NULL
    );
    CREATE INDEX reconciliations_position ON ${quoteIdent(schema)}.reconciliations (position);
`,
  async apply(client, schema, events, _log, rows = insertByUnnest): Promise<void> {
    const s = quoteIdent(schema);
    const of = <D>(type: string) =>
      events.filter((e) => e.type === type).map((e) => ({ d: e.data as D, e }));
    // in dependency order: a reversal needs its settlement, a payment its enrollment
    const settled = of<Settled>('ClaimSettled');
    await rows.insert(client, `${s}.reconciliation_claims`, [
      ['claim_id', 'text', settled.map(({ d }) => d.claimId)],
      ['institution_id', 'text', settled.map(({ d }) => d.institutionId)],
      ['business_date', 'date', settled.map(({ d }) => d.businessDate)],
      ['invoice_no', 'text', settled.map(({ d }) => d.invoiceNo)],
      ['total_cost_fen', 'bigint', settled.map(({ d }) => d.totalCostFen)],
      ['fund_paid_fen', 'bigint', settled.map(({ d }) => fundPaidFen(d.breakdown))],
      ['settled_position', 'bigint', settled.map(({ e }) => e.position)],
    ]);
    // a claim corrected twice in one batch: the last correction is the claim as it stands
    const corrected = [
      ...new Map(of<Corrected>('ClaimCorrected').map(({ d }) => [d.claimId, d])).values(),
    ];
    if (corrected.length > 0)
      await client.query(
        `UPDATE ${s}.reconciliation_claims c SET total_cost_fen = r.total_cost_fen, fund_paid_fen = r.fund_paid_fen
         FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS r(claim_id, total_cost_fen, fund_paid_fen)
         WHERE c.claim_id = r.claim_id`,
        [
          corrected.map((d) => d.claimId),
          corrected.map((d) => d.after.totalCostFen),
          corrected.map((d) => fundPaidFen(d.after.breakdown)),
        ],
      );
    const reversed = events.filter((e) => e.type === 'ClaimReversed');
    if (reversed.length > 0)
      await client.query(
        `UPDATE ${s}.reconciliation_claims c SET reversed_position = r.position
         FROM unnest($1::text[], $2::bigint[]) AS r(claim_id, position) WHERE c.claim_id = r.claim_id`,
        [reversed.map((e) => e.data.claimId), reversed.map((e) => e.position)],
      );
    const enrolled = of<Registered>('EnrollmentRegistered');
    await rows.insert(client, `${s}.reconciliation_enrollments`, [
      ['enrollment_id', 'text', enrolled.map(({ d }) => d.enrollmentId)],
      ['pooling_region', 'text', enrolled.map(({ d }) => poolingCity(d.regionCode))],
    ]);
    // a payment with nothing due (receiptNo null) collected nothing: no line in a collector's file
    const paid = of<Paid>('ContributionPaid').filter(({ d }) => d.receiptNo !== null);
    if (paid.length > 0)
      await client.query(
        `INSERT INTO ${s}.reconciliation_payments (enrollment_id, receipt_no, pooling_region, paid_on, amount_fen, position)
         SELECT p.enrollment_id, p.receipt_no, e.pooling_region, p.paid_on, p.amount_fen, p.position
         FROM unnest($1::text[], $2::text[], $3::date[], $4::bigint[], $5::bigint[])
           AS p(enrollment_id, receipt_no, paid_on, amount_fen, position)
         JOIN ${s}.reconciliation_enrollments e ON e.enrollment_id = p.enrollment_id`,
        [
          paid.map(({ d }) => d.enrollmentId),
          paid.map(({ d }) => d.receiptNo),
          paid.map(({ d }) => d.paidOn),
          paid.map(({ d }) => d.amountFen),
          paid.map(({ e }) => e.position),
        ],
      );
    const recorded = of<Recorded>('ReconciliationRecorded');
    if (recorded.length > 0)
      await client.query(
        `INSERT INTO ${s}.reconciliations (reconciliation_id, kind, institution_id, region_code, period, from_date, to_date, file_hash, recorded_by, recorded_at, agree, summary, position)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::text[], $10::timestamptz[], $11::boolean[], $12::jsonb[], $13::bigint[])`,
        [
          recorded.map(({ d }) => d.reconciliationId),
          recorded.map(({ d }) => d.kind),
          recorded.map(({ d }) => d.institutionId),
          recorded.map(({ d }) => d.regionCode),
          recorded.map(({ d }) => d.period),
          recorded.map(({ d }) => d.from),
          recorded.map(({ d }) => d.to),
          recorded.map(({ d }) => d.received.hash),
          recorded.map(({ d }) => d.recordedBy),
          recorded.map(({ e }) => e.recordedAt),
          recorded.map(({ d }) => d.agree),
          recorded.map(({ d }) => JSON.stringify(summaryOf(d))),
          recorded.map(({ e }) => e.position),
        ],
      );
  },
};

/** What GET /reconciliations lists of a reconciliation: the counts and totals, not its lists. */
function summaryOf(d: Recorded): Record<string, unknown> {
  const r = d.result;
  const base = { format: d.received.format, bytes: d.received.bytes, lines: d.received.lines };
  if ('differenceFen' in r) return { ...base, ...r };
  return {
    ...base,
    matched: r.matched,
    mismatched: r.mismatchedCount,
    missingInLedger: r.missingInLedgerCount,
    missingInFile: r.missingInFileCount,
    totals: r.totals,
  };
}
