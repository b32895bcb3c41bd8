import type { EventData } from '../../../events/event-definition.js';
import type { ClaimReversed, ClaimSettled, ReliefGranted } from '../../../events/index.js';
import type { LogReader } from '../../eventstore/log-reader.port.js';
import { poolingRegion } from '../domain/pooling-region.js';
import type { SettlementBreakdown, YearItem } from '../../policy/domain/index.js';
import { reliefBreakdown, type PersonYear } from '../domain/simulation-items.js';

// The settled, unreversed claims and relief grants of one pooling region and coverage year, per
// person in recorded order, streamed from the log in bulk (LogReader.foldBatches: only these
// event types, without the fields a simulation does not read) up to one position.

type Settled = EventData<typeof ClaimSettled>;
type Reversed = EventData<typeof ClaimReversed>;
type Granted = EventData<typeof ReliefGranted>;

export const simulatedEventTypes = ['ClaimSettled', 'ClaimReversed', 'ReliefGranted'] as const;

/** Fields no simulation reads, left in the database. */
const omit = {
  ClaimSettled: ['tiers', 'annualSumsBefore', 'annualSumsAfter', 'postings', 'signals'],
  ClaimReversed: ['annualSumsAfter', 'postings', 'returned', 'reason'],
  ReliefGranted: ['tiers', 'annualSumsBefore', 'annualSumsAfter', 'postings'],
};

export interface RegionYear {
  readonly regionCode: string; // the pooling region
  readonly coverageYear: number;
}

export async function loadRegionYear(
  log: LogReader,
  toPosition: number,
  { regionCode, coverageYear }: RegionYear,
  onBatch?: (position: number, head: number) => void,
): Promise<PersonYear[]> {
  const byPerson = new Map<string, { items: YearItem[]; recorded: SettlementBreakdown[] }>();
  const reversed = new Set<string>();
  const add = (personId: string, item: YearItem, recorded: SettlementBreakdown) => {
    const year = byPerson.get(personId);
    if (year) {
      year.items.push(item);
      year.recorded.push(recorded);
    } else byPerson.set(personId, { items: [item], recorded: [recorded] });
  };
  const inScope = (d: { regionCode: string; coverageYear: number }) =>
    d.coverageYear === coverageYear && poolingRegion(d.regionCode) === regionCode;
  for await (const batch of log.foldBatches(toPosition, {
    types: simulatedEventTypes,
    omit,
    prefetch: true,
  })) {
    for (const event of batch) {
      if (event.type === 'ClaimSettled') {
        const d = event.data as Settled;
        if (!inScope(d)) continue;
        add(
          d.personId,
          {
            kind: 'claim',
            id: d.claimId,
            claimType: d.claimType,
            institutionLevel: d.institutionLevel,
            serviceDate: d.serviceDate,
            totalCostFen: d.totalCostFen,
            policyCostFen: d.policyCostFen,
            category: d.assistanceCategory,
          },
          d.breakdown,
        );
      } else if (event.type === 'ClaimReversed') {
        const d = event.data as Reversed;
        if (d.coverageYear === coverageYear) reversed.add(d.claimId);
      } else if (event.type === 'ReliefGranted') {
        const d = event.data as Granted;
        if (!inScope(d)) continue;
        add(
          d.personId,
          {
            kind: 'relief',
            id: d.grantId,
            onDate: d.onDate,
            burdenFen: d.burdenFen,
            category: d.assistanceCategory,
          },
          reliefBreakdown(d.burdenFen, d.assistanceFen, d.reAssistanceFen),
        );
      }
    }
    onBatch?.(batch[batch.length - 1]!.position, toPosition);
  }
  onBatch?.(toPosition, toPosition); // the rest of the log holds none of these types
  const persons: PersonYear[] = [];
  for (const [personId, year] of byPerson) {
    if (reversed.size === 0) {
      persons.push({ personId, ...year });
      continue;
    }
    const keep = year.items.map((i) => i.kind !== 'claim' || !reversed.has(i.id));
    const items = year.items.filter((_, index) => keep[index]);
    if (items.length > 0)
      persons.push({ personId, items, recorded: year.recorded.filter((_, index) => keep[index]) });
  }
  return persons;
}
