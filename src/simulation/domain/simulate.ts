import type { PolicyEntry } from '../../policy/domain/index.js';
import { resettlePersonYear, type ResettledYear } from './resettle-person-year.js';
import { ComparisonBuilder, type SimulationComparison } from './simulation-comparison.js';
import type { PersonYear } from './simulation-items.js';

// 政策仿真: every person's year settled again from zero sums in recorded order, once under the
// entry in force (baseline) and once under the proposal, folded into one comparison. Pure.

export interface PersonSimulation {
  readonly baseline: ResettledYear;
  readonly proposed: ResettledYear;
}

export function simulatePerson(
  inForce: PolicyEntry,
  proposed: PolicyEntry,
  person: PersonYear,
): PersonSimulation {
  return {
    baseline: resettlePersonYear(inForce, person.items),
    proposed: resettlePersonYear(proposed, person.items),
  };
}

export function simulate(
  inForce: PolicyEntry,
  proposed: PolicyEntry,
  persons: Iterable<PersonYear>,
  onPerson?: (done: number) => void,
): SimulationComparison {
  const builder = new ComparisonBuilder();
  let done = 0;
  for (const person of persons) {
    const { baseline, proposed: underProposal } = simulatePerson(inForce, proposed, person);
    builder.addPerson(baseline, underProposal);
    done += 1;
    onPerson?.(done);
  }
  return builder.result();
}
