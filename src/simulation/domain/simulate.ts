import {
  resettleYear,
  type PolicyEntry,
  type YearResettlement,
} from '../../policy/domain/index.js';
import { ComparisonBuilder, type SimulationComparison } from './simulation-comparison.js';
import type { PersonYear } from './simulation-items.js';

// 政策仿真: every person's year settled again from zero sums in recorded order (resettleYear, the
// one re-settlement function, shared with re-adjudication), once under the entry in force
// (baseline) and once under the proposal, folded into one comparison. Pure.

export interface PersonSimulation {
  readonly baseline: YearResettlement;
  readonly proposed: YearResettlement;
}

export function simulatePerson(
  inForce: PolicyEntry,
  proposed: PolicyEntry,
  person: PersonYear,
): PersonSimulation {
  return {
    baseline: resettleYear(inForce, person.items),
    proposed: resettleYear(proposed, person.items),
  };
}

export function simulate(
  inForce: PolicyEntry,
  proposed: PolicyEntry,
  persons: Iterable<PersonYear>,
): SimulationComparison {
  const builder = new ComparisonBuilder();
  for (const person of persons)
    builder.addPerson(person, simulatePerson(inForce, proposed, person));
  return builder.result();
}
