import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { claimPostings } from '../../claims/domain/claim-postings.js';
import { correctionPostings } from '../../claims/domain/correction-postings.js';
import {
  fundKey,
  fundNames,
  minusShares,
  totalOf,
  type FundShares,
} from '../../claims/domain/fund-shares.js';
import { reversed, type Posting } from '../../ledger/domain/accounts.js';
import { Refusal } from '../../shared/domain/refusal.js';
import { institutionFacts, type ClaimEvent } from './institution-facts.js';
import { recoveriesOpen } from './monthly-settlement.js';
import { decidePaySettlement } from './pay-settlement.decider.js';
import { decideSettleMonth } from './settle-month.decider.js';
import {
  emptyHistory,
  evolveHistory,
  movementKey,
  type SettlementHistory,
} from './settlement-history.js';

// For any sequence of claims, reversals, corrections, monthly settlements and payments of one
// institution: the postings balance; its payable equals what POLICY.md says is unpaid (the nets
// of unpaid settlements, plus the claims and owed shares no settlement took yet, less the
// recoveries not yet offset); and every fen the funds paid out is in a payment, an unpaid
// settlement or a claim not yet settled. No claim is taken twice; no net is negative.

const months = ['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06'];
const share = fc.integer({ min: 0, max: 100000 });
const sharesArb = fc.record({
  basicFen: share,
  criticalIllnessFen: share,
  assistanceFen: share,
  reAssistanceFen: share,
});
const op = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('claim' as const),
      month: fc.nat(5),
      shares: sharesArb,
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('correct' as const),
      pick: fc.nat(),
      shares: sharesArb,
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('settle' as const), month: fc.nat(5) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('pay' as const), pick: fc.nat() }), weight: 2 },
);

interface Claim {
  readonly id: string;
  current: FundShares;
  reversed: boolean;
}

const breakdown = (s: FundShares) => ({ ...s, personalFen: 0 });
const balanceOf = (postings: readonly Posting[], account: (a: string) => boolean) =>
  postings.filter((p) => account(p.account)).reduce((b, p) => b + p.creditFen - p.debitFen, 0);

describe('institution payable (property)', () => {
  it('equals what is unpaid, and every fen out of the funds is paid, in an unpaid settlement or not yet settled', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const events: ClaimEvent[] = [];
        const postings: Posting[] = [];
        const claims: Claim[] = [];
        let history: SettlementHistory = emptyHistory();
        let position = 0;
        let paidFen = 0;
        for (const o of ops) {
          position += 1;
          if (o.kind === 'claim') {
            const id = `c${position}`;
            claims.push({ id, current: o.shares, reversed: false });
            events.push({
              type: 'ClaimSettled',
              position,
              data: {
                claimId: id,
                businessDate: `${months[o.month]}-15`,
                breakdown: breakdown(o.shares),
              },
            });
            postings.push(...claimPostings('370800', 2023, 'H1', breakdown(o.shares)));
          } else if (o.kind === 'reverse' || o.kind === 'correct') {
            const open = claims.filter((c) => !c.reversed);
            const claim = open[o.pick % Math.max(1, open.length)];
            if (!claim) continue;
            if (o.kind === 'reverse') {
              events.push({
                type: 'ClaimReversed',
                position,
                data: { claimId: claim.id, returned: claim.current },
              });
              postings.push(
                ...reversed(claimPostings('370800', 2023, 'H1', breakdown(claim.current))),
              );
              claim.reversed = true;
            } else {
              const recovered = minusShares(claim.current, o.shares);
              events.push({
                type: 'ClaimCorrected',
                position,
                data: { claimId: claim.id, recovered },
              });
              postings.push(...correctionPostings('370800', 2023, 'H1', recovered));
              claim.current = o.shares;
            }
          } else if (o.kind === 'settle') {
            const month = months[o.month]!;
            try {
              const data = decideSettleMonth(
                {
                  settlementId: `ist-H1-${month}`,
                  institutionId: 'H1',
                  month,
                  today: '2024-01-01',
                  throughPosition: position - 1,
                  facts: institutionFacts(events),
                },
                history,
              );
              for (const c of data.claims) expect(history.takenClaims.has(c.claimId)).toBe(false);
              for (const f of fundNames) {
                expect(data.netByFundFen[fundKey[f]]).toBeGreaterThanOrEqual(0);
                expect(data.netByFundFen[fundKey[f]]).toBe(
                  data.grossFen[fundKey[f]] - data.offsetsFen[fundKey[f]],
                );
              }
              expect(data.netFen).toBe(totalOf(data.netByFundFen));
              history = evolveHistory(
                history,
                { type: 'InstitutionSettlementApproved', data },
                position,
              );
            } catch (e) {
              if (!(e instanceof Refusal) || e.code !== 'already-settled') throw e;
            }
          } else {
            const unpaid = [...history.settlements.values()].filter((r) => !r.payment);
            const record = unpaid[o.pick % Math.max(1, unpaid.length)];
            if (!record) continue;
            const data = decidePaySettlement(
              {
                settlementId: record.approved.settlementId,
                paidOn: '2024-01-01',
                bankReference: 'B',
              },
              history,
            );
            expect(data.netFen).toBe(record.approved.netFen);
            postings.push(...data.postings);
            paidFen += data.netFen;
            history = evolveHistory(history, { type: 'InstitutionSettlementPaid', data }, position);
          }

          // balanced, and recoveries are never offset beyond what they returned
          expect(balanceOf(postings, () => true)).toBe(0);
          const facts = institutionFacts(events);
          for (const r of facts.recoveries)
            expect(history.offsetFen.get(movementKey(r)) ?? 0).toBeLessThanOrEqual(r.amountFen);
          const open = Object.values(recoveriesOpen(facts, history)).reduce((a, b) => a + b, 0);
          const unpaidNet = [...history.settlements.values()]
            .filter((r) => !r.payment)
            .reduce((a, r) => a + r.approved.netFen, 0);
          const untaken =
            facts.claims
              .filter((c) => !history.takenClaims.has(c.claimId))
              .reduce((a, c) => a + totalOf(c.shares), 0) +
            facts.owed
              .filter((m) => !history.takenOwed.has(movementKey(m)))
              .reduce((a, m) => a + m.amountFen, 0);
          const payable = balanceOf(postings, (a) => a === 'payable:institution:H1');
          expect(payable).toBe(unpaidNet + untaken - open);
          const fundsOut = 0 - balanceOf(postings, (a) => a.startsWith('fund:'));
          expect(fundsOut).toBe(paidFen + unpaidNet + (untaken - open));
          expect(balanceOf(postings, (a) => a === 'external:institution-bank:H1')).toBe(paidFen);
        }
      }),
      { numRuns: 300 },
    );
  });
});
