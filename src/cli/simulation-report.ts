import type { SimulationAnswer } from '../simulation/application/run-simulation.js';
import { fundKeys, type FundAmounts } from '../simulation/domain/fund-amounts.js';

// `ledger simulate`: the comparison as text for a reader, amounts in yuan with fen (two decimals).

const tierNames: Record<(typeof fundKeys)[number], string> = {
  basicFen: '基本医保 basic',
  criticalIllnessFen: '大病保险 critical illness',
  assistanceFen: '医疗救助 assistance',
  reAssistanceFen: '再救助 re-assistance',
  personalFen: '个人自付 personal',
};

export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

function row(name: string, cells: readonly string[]): string {
  return `${name.padEnd(28)}${cells.map((c) => c.padStart(20)).join('')}`;
}

function amountsTable(
  title: string,
  baseline: FundAmounts,
  proposed: FundAmounts,
  diff: FundAmounts,
): string[] {
  return [
    title,
    row('', ['baseline', 'proposed', 'difference']),
    ...fundKeys.map((k) =>
      row(`  ${tierNames[k]}`, [yuan(baseline[k]), yuan(proposed[k]), yuan(diff[k])]),
    ),
  ];
}

function funds(a: FundAmounts): number {
  return a.basicFen + a.criticalIllnessFen + a.assistanceFen + a.reAssistanceFen;
}

export function simulationReport(answer: SimulationAnswer): string {
  const lines = [
    `政策仿真 policy simulation: ${answer.policyId} (pooling region ${answer.regionCode}, ${answer.coverageYear}), log up to position ${answer.asOfPosition}`,
    `${answer.persons} persons, ${answer.claims} claims, ${answer.reliefGrants} relief grants`,
    `changes: ${answer.changedNumbers.length === 0 ? 'none' : answer.changedNumbers.map((c) => `${c.field} ${c.inForce} -> ${c.proposed}`).join('; ')}`,
    '',
    ...amountsTable(
      'By tier (yuan):',
      answer.baselineFen,
      answer.proposedFen,
      answer.differenceFen,
    ),
    '',
    'By category (funds paid, yuan):',
    row('', ['baseline', 'proposed', 'difference']),
    ...answer.byCategory.map((g) =>
      row(`  ${g.category} (${g.settlements})`, [
        yuan(funds(g.baselineFen)),
        yuan(funds(g.proposedFen)),
        yuan(funds(g.differenceFen)),
      ]),
    ),
    '',
    'By institution level (funds paid, yuan):',
    row('', ['baseline', 'proposed', 'difference']),
    ...answer.byLevel.map((g) =>
      row(`  ${g.level ?? 'relief grants'} (${g.settlements})`, [
        yuan(funds(g.baselineFen)),
        yuan(funds(g.proposedFen)),
        yuan(funds(g.differenceFen)),
      ]),
    ),
    '',
    'Persons at cap:',
    row('', ['baseline', 'proposed', 'difference']),
    ...Object.entries(answer.personsAtCap.baseline).map(([cap, baseline]) => {
      const proposed =
        answer.personsAtCap.proposed[cap as keyof typeof answer.personsAtCap.proposed];
      return row(`  ${cap}`, [String(baseline), String(proposed), String(proposed - baseline)]);
    }),
  ];
  return `${lines.join('\n')}\n`;
}
