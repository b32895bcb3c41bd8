import { describe, expect, it } from '@jest/globals';
import { decider, givenPerson } from '../../../test/support/decider.js';
import { coveredAdultHistory } from '../../../test/support/covered-history.js';
import { designatedInstitution } from '../../../test/support/institutions.js';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy } from '../../policy/domain/catalogue.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import { decideReadjudication } from '../../readjudication/domain/readjudicate-year.decider.js';
import { decideSettleClaim } from './settle-claim.decider.js';
import { decideCorrectClaim } from './correct-claim.decider.js';
import { decideReverseClaim } from './reverse-claim.decider.js';

// A claim corrected, re-adjudicated and reversed in either order (Jining 2023, 370800-2023, a
// tertiary stay of 12,000,000 fen, 10,000,000 in policy). After each step the postings balance and
// what moved on the institution's payable is exactly the institution-side shares; after the
// reversal the person's accounts net to zero and every fund is back where it started.

const policy = findPolicy(loadCatalogue(), '370800', 2023)!;
const payable = 'payable:institution:H1';

const settle = decideSettleClaim(
  {
    claimId: 'clm_1',
    personId: 'per_1',
    institutionId: 'H1',
    institutionLevel: 'tertiary',
    claimType: 'inpatient',
    invoiceNo: 'I1',
    admissionDate: '2023-03-01',
    dischargeDate: '2023-03-10',
    totalCostFen: 12000000,
    policyCostFen: 10000000,
    diagnosisCode: null,
    contentHash: 'a'.repeat(64),
    invoice: { status: 'free' },
    institution: designatedInstitution('H1', 'tertiary'),
    policy,
  },
  givenPerson(...coveredAdultHistory),
);
// illness-impoverished (因病致贫) from the admission: the re-adjudication owes the person money
const granted: PersonEvent = {
  type: 'AssistanceStatusChanged',
  data: {
    personId: 'per_1',
    category: 'illness-impoverished',
    effectiveFrom: '2023-03-01',
    applicationRef: 'APP-1',
  },
};
const readjudicate = (history: PersonEvent[]) =>
  decider(decideReadjudication)
    .given(...history)
    .when({
      coverageYear: 2023,
      reason: 'illness-impoverished',
      readjudicatedOn: '2023-06-01',
      policies: new Map([[policy.policyId, policy]]),
    })
    .events();
const correct = (history: PersonEvent[]) =>
  decider(decideCorrectClaim)
    .given(...history)
    .when({
      claimId: 'clm_1',
      totalCostFen: 11000000,
      policyCostFen: 9000000,
      reason: '超标准收费',
      correctedOn: '2023-07-01',
      policy,
    })
    .events();
const reverse = (history: PersonEvent[]) =>
  decider(decideReverseClaim)
    .given(...history)
    .when({ claimId: 'clm_1', reason: '欺诈骗保', reversedOn: '2023-08-01' })
    .events();

type Posting = { account: string; debitFen: number; creditFen: number };
const postingsOf = (events: readonly PersonEvent[]): Posting[] =>
  events.flatMap((e) => ('postings' in e.data ? (e.data.postings as Posting[]) : []));
/** credit - debit on the accounts that start with the prefix */
const net = (events: readonly PersonEvent[], prefix: string): number =>
  postingsOf(events)
    .filter((p) => p.account.startsWith(prefix))
    .reduce((n, p) => n + p.creditFen - p.debitFen, 0);
const shares = (b: {
  basicFen: number;
  criticalIllnessFen: number;
  assistanceFen: number;
  reAssistanceFen: number;
}) => b.basicFen + b.criticalIllnessFen + b.assistanceFen + b.reAssistanceFen;

function expectBalanced(events: readonly PersonEvent[]): void {
  const p = postingsOf(events);
  expect(p.reduce((n, x) => n + x.debitFen, 0)).toBe(p.reduce((n, x) => n + x.creditFen, 0));
}

/** what a step moved on the payable (credit - debit), and what the funds recorded of it */
function institutionMovement(events: readonly PersonEvent[]): { payable: number; shares: number } {
  const e = events[0]!;
  const d = e.data as unknown as Record<string, never>;
  const s =
    e.type === 'ClaimSettled'
      ? shares(d['breakdown'])
      : e.type === 'ClaimCorrected'
        ? -shares(d['recovered'])
        : e.type === 'ClaimReversed'
          ? -shares(d['fromInstitution'])
          : 0; // a re-adjudication never touches the institution
  return { payable: net(events, payable), shares: s };
}

function run(
  steps: ReadonlyArray<(h: PersonEvent[]) => readonly PersonEvent[]>,
): Array<readonly PersonEvent[]> {
  const history = [...coveredAdultHistory, ...settle, granted];
  const decided: Array<readonly PersonEvent[]> = [settle];
  for (const step of steps) {
    const events = step(history);
    decided.push(events);
    history.push(...events);
  }
  return decided;
}

describe('corrections, re-adjudications and reversals of one claim', () => {
  for (const [name, steps] of [
    ['settled → re-adjudicated → corrected → reversed', [readjudicate, correct, reverse]],
    ['settled → corrected → re-adjudicated → reversed', [correct, readjudicate, reverse]],
  ] as const) {
    it(name, () => {
      const decided = run([...steps]);
      for (const events of decided) {
        expect(events.length).toBeGreaterThan(0);
        expectBalanced(events);
        const m = institutionMovement(events);
        expect(m.payable).toBe(m.shares);
      }
      const all = decided.flat();
      // the institution is owed nothing for a reversed claim
      expect(net(all, payable)).toBe(0);
      // the person's accounts net to zero for the claim, the funds got back what they paid
      expect(net(all, 'payable:person:') + net(all, 'receivable:person:')).toBe(0);
      expect(net(all, 'fund:')).toBe(0);
      for (const account of new Set(postingsOf(all).map((p) => p.account)))
        expect([account, net(all, account)]).toEqual([account, 0]);
      // the numbers, in fen, step by step
      expect(
        decided.map((events) => ({
          type: events[0]!.type,
          payable: net(events, payable),
          person: net(events, 'payable:person:') + net(events, 'receivable:person:'),
          funds: net(events, 'fund:'),
        })),
      ).toEqual(expected[name]);
    });
  }
});

// credit - debit per step, in fen. Settled: the funds' shares, 7,476,000, owed to H1.
// Re-adjudicated first (illness-impoverished): 1,566,800 more from the funds is owed to the
// person; the correction then re-settles the claim with the category as it now stands, so the
// institution is owed 614,800 more and the person's 1,566,800 goes back (the funds net +952,000);
// the reversal takes 8,090,800 = 7,476,000 + 614,800 back from the payable.
// Corrected first: 840,000 recovered from H1; the re-adjudication owes the person 1,454,800; the
// reversal takes the corrected 6,636,000 from the payable and the person's 1,454,800 back.
const expected: Record<string, unknown> = {
  'settled → re-adjudicated → corrected → reversed': [
    { type: 'ClaimSettled', payable: 7476000, person: 0, funds: -7476000 },
    { type: 'PersonYearReadjudicated', payable: 0, person: 1566800, funds: -1566800 },
    { type: 'ClaimCorrected', payable: 614800, person: -1566800, funds: 952000 },
    { type: 'ClaimReversed', payable: -8090800, person: 0, funds: 8090800 },
  ],
  'settled → corrected → re-adjudicated → reversed': [
    { type: 'ClaimSettled', payable: 7476000, person: 0, funds: -7476000 },
    { type: 'ClaimCorrected', payable: -840000, person: 0, funds: 840000 },
    { type: 'PersonYearReadjudicated', payable: 0, person: 1454800, funds: -1454800 },
    { type: 'ClaimReversed', payable: -6636000, person: -1454800, funds: 8090800 },
  ],
};
