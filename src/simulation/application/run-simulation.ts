import { findPolicy, type Catalogue } from '../../policy/domain/index.js';
import { poolingRegion } from '../domain/pooling-region.js';
import { proposeEntry, type ChangedNumber } from '../domain/proposed-entry.js';
import { simulatePerson } from '../domain/simulate.js';
import { ComparisonBuilder, type SimulationComparison } from '../domain/simulation-comparison.js';
import { loadRegionYear, type SimulationSources } from './region-year-source.js';

// A simulation end to end, for the HTTP endpoint and `ledger simulate` alike: the entry in force
// for the pooling region and year, the proposal merged and validated, the region-year's claims
// and grants read from the log in bulk, every person settled twice in memory. Records nothing.

export interface SimulationRequest {
  readonly regionCode: string;
  readonly coverageYear: number;
  readonly changes: Readonly<Record<string, unknown>>;
}

export interface SimulationAnswer extends SimulationComparison {
  readonly regionCode: string; // the pooling region simulated
  readonly coverageYear: number;
  readonly policyId: string;
  /** the log position the simulation read up to */
  readonly asOfPosition: number;
  /** the numbers the proposal changes */
  readonly changedNumbers: readonly ChangedNumber[];
}

export type SimulationRefusal =
  | { readonly kind: 'no-policy'; readonly detail: string }
  | { readonly kind: 'bad-change'; readonly field: string; readonly message: string };

export class SimulationRefused extends Error {
  constructor(readonly refusal: SimulationRefusal) {
    super(refusal.kind === 'no-policy' ? refusal.detail : `${refusal.field} ${refusal.message}`);
    this.name = 'SimulationRefused';
  }
}

export interface SimulationProgress {
  /** reading: claims read of all */
  readonly reading?: (done: number, total: number) => void;
  /** settling: persons done of all */
  readonly settling?: (done: number, persons: number) => void;
}

const personsPerTurn = 2000; // settle this many persons, then let the event loop breathe

export async function runSimulation(
  catalogue: Catalogue,
  sources: SimulationSources,
  head: number,
  request: SimulationRequest,
  progress: SimulationProgress = {},
): Promise<SimulationAnswer> {
  const regionCode = poolingRegion(request.regionCode);
  const inForce = findPolicy(catalogue, regionCode, request.coverageYear);
  if (!inForce)
    throw new SimulationRefused({
      kind: 'no-policy',
      detail: `no policy for pooling region ${regionCode} (of ${request.regionCode}) in ${request.coverageYear}`,
    });
  const proposal = proposeEntry(catalogue, inForce, request.changes);
  if (!proposal.ok)
    throw new SimulationRefused({
      kind: 'bad-change',
      field: proposal.field,
      message: proposal.message,
    });
  const persons = await loadRegionYear(
    sources,
    { regionCode, coverageYear: request.coverageYear, toPosition: head },
    progress.reading,
  );
  const builder = new ComparisonBuilder();
  for (let index = 0; index < persons.length; index += 1) {
    const person = persons[index]!;
    builder.addPerson(person, simulatePerson(inForce, proposal.entry, person));
    if ((index + 1) % personsPerTurn === 0 || index + 1 === persons.length) {
      progress.settling?.(index + 1, persons.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return {
    regionCode,
    coverageYear: request.coverageYear,
    policyId: inForce.policyId,
    asOfPosition: head,
    changedNumbers: proposal.changed,
    ...builder.result(),
  };
}
