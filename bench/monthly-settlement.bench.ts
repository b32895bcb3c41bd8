import {
  institutionFacts,
  type ClaimEvent,
} from '../src/institution-settlements/domain/institution-facts.js';
import { decideSettleMonth } from '../src/institution-settlements/domain/settle-month.decider.js';
import {
  emptyHistory,
  evolveHistory,
  type SettlementHistory,
} from '../src/institution-settlements/domain/settlement-history.js';

// A large hospital's year (pure domain, no database): 60,000 claims, 6,000 reversals and 6,000
// corrections, settled month by month. Measures turning the log's events into facts and deciding
// each monthly settlement (gross, oldest-first offsets, carry-over) on them. Baseline from the
// same run: a plain sum of the claims' shares, the least any settlement must do.

const claimsCount = 60_000;

function yearOfEvents(): ClaimEvent[] {
  const events: ClaimEvent[] = [];
  let position = 0;
  for (let i = 0; i < claimsCount; i += 1) {
    position += 1;
    const month = String(1 + (i % 12)).padStart(2, '0');
    const share = 1000 + (i % 997) * 37;
    events.push({
      type: 'ClaimSettled',
      position,
      data: {
        claimId: `c${i}`,
        businessDate: `2023-${month}-15`,
        breakdown: {
          basicFen: share,
          criticalIllnessFen: share >> 2,
          assistanceFen: share >> 3,
          reAssistanceFen: 0,
          personalFen: share,
        },
      },
    });
    if (i % 10 === 3) {
      position += 1;
      events.push({
        type: 'ClaimReversed',
        position,
        data: {
          claimId: `c${i}`,
          returned: {
            basicFen: share,
            criticalIllnessFen: share >> 2,
            assistanceFen: share >> 3,
            reAssistanceFen: 0,
          },
        },
      });
    }
    if (i % 10 === 7) {
      position += 1;
      events.push({
        type: 'ClaimCorrected',
        position,
        data: {
          claimId: `c${i}`,
          recovered: {
            basicFen: share >> 1,
            criticalIllnessFen: -(share >> 4),
            assistanceFen: 0,
            reAssistanceFen: 0,
          },
        },
      });
    }
  }
  return events;
}

export async function benchMonthlySettlement(): Promise<void> {
  const events = yearOfEvents();
  let started = performance.now();
  let baseline = 0;
  for (const e of events)
    if (e.type === 'ClaimSettled') baseline += (e.data.breakdown as { basicFen: number }).basicFen;
  const baselineMs = performance.now() - started;

  started = performance.now();
  const facts = institutionFacts(events);
  const factsMs = performance.now() - started;

  let history: SettlementHistory = emptyHistory();
  const perMonthMs: number[] = [];
  let net = 0;
  for (let m = 1; m <= 12; m += 1) {
    const month = `2023-${String(m).padStart(2, '0')}`;
    const t0 = performance.now();
    const data = decideSettleMonth(
      {
        settlementId: `ist-H-${month}`,
        institutionId: 'H',
        month,
        today: '2024-01-01',
        throughPosition: events.length,
        facts,
      },
      history,
    );
    history = evolveHistory(
      history,
      { type: 'InstitutionSettlementApproved', data },
      events.length + m,
    );
    perMonthMs.push(performance.now() - t0);
    net += data.netFen;
  }
  const slowest = Math.max(...perMonthMs);
  console.log(
    `monthly settlement: ${events.length} events of one institution -> facts in ${factsMs.toFixed(1)} ms; ` +
      `12 settlements, slowest ${slowest.toFixed(1)} ms, mean ${(perMonthMs.reduce((a, b) => a + b, 0) / 12).toFixed(1)} ms ` +
      `(baseline: summing the claims' shares ${baselineMs.toFixed(1)} ms; net paid ${net} fen, checksum ${baseline})`,
  );
}
