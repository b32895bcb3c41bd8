import { randomUUID } from 'node:crypto';
import type { AppendRequest, NewEvent } from '../src/eventstore/event-store.port.js';
import { ledgerEventCatalogue } from '../events/index.js';
import { loadCatalogue } from '../src/policy/load-catalogue.js';
import { findPolicy } from '../src/policy/domain/catalogue.js';
import { decidePerson } from '../src/persons/domain/person.decider.js';
import { decideEnrollment } from '../src/enrollment/domain/enrollment.decider.js';
import {
  claimPolicyKey,
  decideSettleClaim,
  invoiceTaken,
  type SettleClaim,
} from '../src/claims/domain/settle-claim.decider.js';
import { decideReverseClaim } from '../src/claims/domain/reverse-claim.decider.js';
import {
  claimContentHash,
  legacyClaimIdFor as claimIdFor,
} from '../src/claims/application/claim-hashes.js';
import { invoiceStreamId } from '../src/claims/domain/claim-id.js';
// A synthetic log: the unkeyed pre-1.1 id functions keep it deterministic and need no id key.
import {
  legacyEnrollmentIdFor as enrollmentIdFor,
  legacyPersonIdFor as personIdFor,
} from '../src/persons/domain/person-id.js';
import { personStreamId, type PersonEvent } from '../src/person-stream/domain/person-events.js';
import {
  evolvePerson,
  initialPersonState,
  type PersonState,
} from '../src/person-stream/domain/person-state.js';
import { residentIdWithCheck } from '../src/persons/domain/resident-id.js';
import { addDays } from '../src/shared/domain/local-date.js';
import {
  institutionOf,
  institutionStreamId,
  type Institution,
} from '../src/institutions/domain/institution-registry.js';

// A deterministic province-year (policy 370800-2023) made by the real deciders, so every event is
// what the service would record: persons with a realistic category mix, enrollments in all five
// channels, payments, claims with lognormal costs across levels and types, some reversals. One
// append per person (their stream and their invoices' streams), as the service would group them.

const catalogue = loadCatalogue();
const policy = findPolicy(catalogue, '370800', 2023)!;
const policyFor = (region: string, year: number) => findPolicy(catalogue, region, year);

/** The province's 400 designated institutions (定点医疗机构), a third at each level, agreements from 2000. */
const provinceInstitutions: readonly Institution[] = Array.from({ length: 400 }, (_, i) =>
  institutionOf({
    type: 'InstitutionRegistered',
    data: {
      institutionId: `H3708${String(i).padStart(4, '0')}`,
      name: `定点医疗机构 ${i}`,
      level: (['grassroots', 'secondary', 'tertiary'] as const)[i % 3]!,
      regionCode: '370800',
      agreementFrom: '2000-01-01',
      agreementTo: null,
    },
  })!,
);

/** The append that registers the province's institutions: before any person's year, as the service requires. */
export function institutionRegistry(): AppendRequest {
  return {
    streams: provinceInstitutions.map((i) => ({
      streamId: institutionStreamId(i.institutionId),
      expectedVersion: 'no-stream' as const,
      events: [toNew('InstitutionRegistered', { ...i.registered })],
    })),
  };
}

/** mulberry32: a small seeded PRNG, so the same seed gives the same province. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function lognormalFen(random: () => number, medianYuan: number, sigma: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(100, Math.round(medianYuan * Math.exp(sigma * z) * 100));
}

const categories: Array<[string, number]> = [
  ['none', 0.85],
  ['extreme-poverty', 0.03],
  ['minimum-living-allowance', 0.05],
  ['poverty-relapse', 0.03],
  ['low-income-monitored', 0.04],
];
const channels: Array<[string, number]> = [
  ['centralized', 0.9],
  ['late', 0.04],
  ['special-late', 0.02],
  ['transfer-in', 0.02],
  ['newborn', 0.02],
];

function pick(random: () => number, table: Array<[string, number]>): string {
  let r = random();
  for (const [value, weight] of table) {
    if ((r -= weight) < 0) return value;
  }
  return table[0]![0];
}

function toNew(type: string, data: Record<string, unknown>): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: ledgerEventCatalogue.currentVersion(type),
    data,
    metadata: { actor: 'bench' },
  };
}

function dateIn2023(random: () => number, from = 0): string {
  return addDays('2023-01-01', from + Math.floor(random() * (364 - from)));
}

/** One person's year: the append that records it, and how many events it holds. */
export function personYear(
  index: number,
  random: () => number,
  claimsCount: number,
): { request: AppendRequest; events: number } {
  const birthDate = addDays('1950-01-01', Math.floor(random() * 25000));
  const nationalId = residentIdWithCheck(
    `370802${birthDate.replaceAll('-', '')}${String(index % 1000).padStart(3, '0')}`,
  );
  const personId = personIdFor(`${nationalId}:${index}`);
  let state: PersonState = initialPersonState();
  const personEvents: PersonEvent[] = [];
  const invoices: Array<{ streamId: string; event: NewEvent }> = [];
  const apply = (events: readonly PersonEvent[]): PersonState => {
    for (const event of events) {
      state = evolvePerson(state, { event, position: personEvents.length + 1 });
      personEvents.push(event);
    }
    return state;
  };
  apply(
    decidePerson(
      {
        type: 'RegisterPerson',
        data: { personId, nationalId, name: `居民${index}`, birthDate, regionCode: '370800' },
      },
      state,
    ),
  );
  const category = pick(random, categories);
  if (category !== 'none')
    apply(
      decidePerson(
        {
          type: 'ChangeAssistanceStatus',
          data: { category: category as 'extreme-poverty', effectiveFrom: '2022-01-01' },
        },
        state,
      ),
    );
  const channel =
    birthDate >= '2022-12-01'
      ? 'newborn'
      : pick(random, channels).replace('newborn', 'centralized');
  const enrolledOn =
    channel === 'centralized'
      ? '2022-11-15'
      : channel === 'newborn'
        ? addDays(birthDate, 10)
        : '2023-02-10';
  const enrollmentId = enrollmentIdFor(personId, 2023);
  apply(
    decideEnrollment(
      {
        type: 'Enroll',
        data: {
          enrollmentId,
          regionCode: '370800',
          coverageYear: 2023,
          category: 'adult',
          channel: channel as 'centralized',
          enrolledOn,
          policy,
        },
      },
      state,
    ),
  );
  const due = (
    personEvents[personEvents.length - 1]!.data as { contribution?: { dueFromPersonFen: number } }
  ).contribution?.dueFromPersonFen;
  if (due !== undefined && due > 0)
    apply(
      decideEnrollment(
        {
          type: 'PayContribution',
          data: {
            enrollmentId,
            receiptNo: `R${index}`,
            paidOn: enrolledOn,
            amountFen: due,
            policy,
          },
        },
        state,
      ),
    );
  for (let c = 0; c < claimsCount; c += 1)
    settleOne(index, c, random, state, apply, invoices, personId);
  const streams = [
    {
      streamId: personStreamId(personId),
      expectedVersion: 'no-stream' as const,
      events: personEvents.map((e) => toNew(e.type, e.data as Record<string, unknown>)),
    },
    ...invoices.map((i) => ({
      streamId: i.streamId,
      expectedVersion: 'no-stream' as const,
      events: [i.event],
    })),
  ];
  return { request: { streams }, events: personEvents.length + invoices.length };
}

function settleOne(
  index: number,
  c: number,
  random: () => number,
  state: PersonState,
  apply: (e: readonly PersonEvent[]) => PersonState,
  invoices: Array<{ streamId: string; event: NewEvent }>,
  personId: string,
): void {
  const claimType =
    random() < 0.25 ? 'inpatient' : random() < 0.6 ? 'outpatient-general' : 'outpatient-chronic';
  random(); // the level was drawn here before the registry; kept so a seed gives the same province
  const institution = provinceInstitutions[Math.floor(random() * provinceInstitutions.length)]!;
  const { institutionId } = institution;
  const institutionLevel = institution.levels[0]!.level;
  const totalCostFen =
    claimType === 'inpatient' ? lognormalFen(random, 8000, 1.0) : lognormalFen(random, 250, 0.8);
  const policyCostFen = Math.floor((totalCostFen * (70 + Math.floor(random() * 25))) / 100);
  const serviceDate = dateIn2023(random, 180);
  const command = {
    claimId: claimIdFor(institutionId, `INV-${index}-${c}`),
    personId,
    institutionId,
    institutionLevel,
    claimType: claimType as 'inpatient',
    invoiceNo: `INV-${index}-${c}`,
    admissionDate: claimType === 'inpatient' ? serviceDate : null,
    dischargeDate:
      claimType === 'inpatient' ? addDays(serviceDate, 1 + Math.floor(random() * 10)) : null,
    serviceDate,
    totalCostFen,
    policyCostFen,
    diagnosisCode: null,
    contentHash: '',
  };
  const contentHash = claimContentHash({ ...command });
  const dates =
    claimType === 'inpatient'
      ? {
          claimType: 'inpatient' as const,
          admissionDate: serviceDate,
          dischargeDate: command.dischargeDate!,
        }
      : { claimType: claimType as 'outpatient-general', serviceDate };
  const key = state.status === 'registered' ? claimPolicyKey(state, dates) : undefined;
  const settleCommand: SettleClaim = {
    ...command,
    ...dates,
    contentHash,
    invoice: { status: 'free' },
    institution,
    policy: key && policyFor(key.regionCode, key.coverageYear),
  };
  try {
    const [settled] = decideSettleClaim(settleCommand, state);
    if (settled?.type !== 'ClaimSettled') return;
    const after = apply([settled]);
    invoices.push({
      streamId: invoiceStreamId(command.claimId),
      event: toNew('InvoiceRegistered', invoiceTaken(settled.data)),
    });
    if (random() < 0.01)
      apply(
        decideReverseClaim(
          { claimId: command.claimId, reason: '追回', reversedOn: '2023-12-20' },
          after,
        ),
      );
  } catch {
    // refused (waiting period, not yet covered): nothing recorded, as in the service
  }
}
