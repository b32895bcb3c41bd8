import type { EventData } from '../../../events/event-definition.js';
import type { ReliefGranted } from '../../../events/index.js';
import type {
  RecordedClaim,
  RegionYearScope,
} from '../../../projections/claims/region-year-claims.query.js';
import type { LogReader } from '../../eventstore/log-reader.port.js';
import type { SettlementBreakdown, YearItem } from '../../policy/domain/index.js';
import { poolingRegion } from '../domain/pooling-region.js';
import { reliefBreakdown, type PersonYear } from '../domain/simulation-items.js';

// The settled, unreversed claims and the relief grants of one pooling region and coverage year,
// per person in recorded order (log position), read in bulk up to one position: the claims from
// the claims read model (narrow columns), the relief grants from the log (LogReader.foldBatches,
// that one event type, without the fields a simulation does not read).

type Granted = EventData<typeof ReliefGranted>;

/** Where a simulation reads the recorded past. */
export interface SimulationSources {
  readonly log: LogReader;
  readonly claims: {
    count(scope: RegionYearScope): Promise<number>;
    batches(scope: RegionYearScope): AsyncIterable<readonly RecordedClaim[]>;
  };
}

const reliefOmit = { ReliefGranted: ['tiers', 'annualSumsBefore', 'annualSumsAfter', 'postings'] };

interface Entry {
  readonly position: number;
  readonly item: YearItem;
  readonly recorded: SettlementBreakdown;
}

export async function loadRegionYear(
  sources: SimulationSources,
  scope: RegionYearScope,
  onRead?: (done: number, total: number) => void,
): Promise<PersonYear[]> {
  const byPerson = new Map<string, Entry[]>();
  const add = (personId: string, entry: Entry) => {
    const entries = byPerson.get(personId);
    if (entries) entries.push(entry);
    else byPerson.set(personId, [entry]);
  };
  const total = await sources.claims.count(scope);
  let read = 0;
  onRead?.(0, total);
  for await (const batch of sources.claims.batches(scope)) {
    for (const c of batch) add(c.personId, c);
    read += batch.length;
    onRead?.(read, total);
  }
  for await (const batch of sources.log.foldBatches(scope.toPosition, {
    types: ['ReliefGranted'],
    omit: reliefOmit,
  })) {
    for (const event of batch) {
      const d = event.data as Granted;
      if (d.coverageYear !== scope.coverageYear || poolingRegion(d.regionCode) !== scope.regionCode)
        continue;
      add(d.personId, {
        position: event.position,
        item: {
          kind: 'relief',
          id: d.grantId,
          onDate: d.onDate,
          burdenFen: d.burdenFen,
          category: d.assistanceCategory,
        },
        recorded: reliefBreakdown(d.burdenFen, d.assistanceFen, d.reAssistanceFen),
      });
    }
  }
  onRead?.(total, total);
  const persons: PersonYear[] = [];
  for (const [personId, entries] of byPerson) {
    entries.sort((a, b) => a.position - b.position);
    persons.push({
      personId,
      items: entries.map((e) => e.item),
      recorded: entries.map((e) => e.recorded),
    });
  }
  return persons;
}
