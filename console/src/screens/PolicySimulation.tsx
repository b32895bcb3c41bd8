import { useEffect, useMemo, useState } from 'react';
import { get, post } from '../api';
import { Chart, type ChartOption } from '../Chart';
import { ErrorBox, useLoad } from '../common';
import { useText, type Text } from '../i18n';
import { formatFen, yuanNumber, type Fen } from '../money';

// Finance: 政策仿真. Load the entry in force for a pooling region and year, turn a few knobs, and
// see the region-year's real claims settled again under the proposal beside the policy in force
// (POST /policy-simulations): by tier, by assistance category, by institution level, persons at
// each cap. Nothing is recorded.

type Amounts = Record<
  'basicFen' | 'criticalIllnessFen' | 'assistanceFen' | 'reAssistanceFen' | 'personalFen',
  Fen
>;
interface Group {
  settlements: number;
  baselineFen: Amounts;
  proposedFen: Amounts;
  differenceFen: Amounts;
}
interface Simulation {
  regionCode: string;
  coverageYear: number;
  policyId: string;
  persons: number;
  claims: number;
  reliefGrants: number;
  baselineFen: Amounts;
  proposedFen: Amounts;
  differenceFen: Amounts;
  byCategory: (Group & { category: string })[];
  byLevel: (Group & { level: string | null })[];
  personsAtCap: { baseline: Record<string, number>; proposed: Record<string, number> };
  changedNumbers: {
    field: string;
    inForce: number | string | null;
    proposed: number | string | null;
  }[];
}
interface Entry {
  policyId: string;
  regionCode: string;
  coverageYear: number;
  inpatient: {
    levels: Record<'grassroots' | 'secondary' | 'tertiary', { ratioBp: number }>;
    annualCapFen: Fen; // parsed exact (money.ts): a bigint
  };
  criticalIllness: { deductibleFen: Fen };
}

interface Knobs {
  grassroots: string;
  secondary: string;
  tertiary: string;
  capYuan: string;
  ciDeductibleYuan: string;
}

const tiers = [
  ['basicFen', 'tierBasic'],
  ['criticalIllnessFen', 'tierCi'],
  ['assistanceFen', 'tierAssistance'],
  ['reAssistanceFen', 'tierReAssistance'],
  ['personalFen', 'personalShare'],
] as const;
const caps = [
  'inpatientBasic',
  'outpatientGeneral',
  'outpatientChronic',
  'criticalIllness',
  'assistance',
  'reAssistance',
] as const;

const funds = (a: Amounts): Fen =>
  a.basicFen + a.criticalIllnessFen + a.assistanceFen + a.reAssistanceFen;
const label = (t: Text, key: string | null) =>
  key === null ? t.reliefGrants : ((t as Record<string, string>)[key] ?? key);
const poolOf = (regionCode: string) => `${regionCode.slice(0, 4)}00`;

function knobsOf(entry: Entry): Knobs {
  return {
    grassroots: String(entry.inpatient.levels.grassroots.ratioBp),
    secondary: String(entry.inpatient.levels.secondary.ratioBp),
    tertiary: String(entry.inpatient.levels.tertiary.ratioBp),
    capYuan: String(Number(entry.inpatient.annualCapFen) / 100),
    ciDeductibleYuan: String(Number(entry.criticalIllness.deductibleFen) / 100),
  };
}

/** Only the knobs moved away from the entry in force become changes. */
function changesOf(entry: Entry, knobs: Knobs): Record<string, unknown> {
  const levels: Record<string, { ratioBp: number }> = {};
  for (const level of ['grassroots', 'secondary', 'tertiary'] as const) {
    const ratioBp = Number(knobs[level]);
    if (ratioBp !== entry.inpatient.levels[level].ratioBp) levels[level] = { ratioBp };
  }
  const changes: Record<string, Record<string, unknown>> = {};
  const capFen = Math.round(Number(knobs.capYuan) * 100);
  if (Object.keys(levels).length > 0) changes.inpatient = { levels };
  if (capFen !== Number(entry.inpatient.annualCapFen))
    changes.inpatient = { ...changes.inpatient, annualCapFen: capFen };
  const deductibleFen = Math.round(Number(knobs.ciDeductibleYuan) * 100);
  if (deductibleFen !== Number(entry.criticalIllness.deductibleFen))
    changes.criticalIllness = { deductibleFen };
  return changes;
}

export function PolicySimulation() {
  const t = useText();
  const [regionCode, setRegionCode] = useState('');
  const [year, setYear] = useState('');
  const [knobs, setKnobs] = useState<Knobs | undefined>();
  const entry = useLoad<Entry>();
  const simulation = useLoad<Simulation>();

  useEffect(() => {
    get<{ funds: { regionCode: string; year: number | null }[] }>('/funds').then(
      ({ funds: list }) => {
        const first = list.find((f) => f.year !== null);
        if (first) {
          setRegionCode(first.regionCode);
          setYear(String(first.year));
        }
      },
      () => undefined,
    );
  }, []);

  const loadEntry = () =>
    void entry.run(async () => {
      const { policies } = await get<{ policies: Entry[] }>('/policies');
      const found = policies.find(
        (p) => p.regionCode === poolOf(regionCode) && p.coverageYear === Number(year),
      );
      if (!found) throw new Error(`${t.policyInForce}: ${poolOf(regionCode)} ${year} —`);
      setKnobs(knobsOf(found));
      simulation.setData(undefined);
      return found;
    });
  const simulate = () => {
    if (!entry.data || !knobs) return;
    const changes = changesOf(entry.data, knobs);
    void simulation.run(() =>
      post<Simulation>(
        '/policy-simulations',
        { regionCode, coverageYear: Number(year), changes },
        crypto.randomUUID(), // a computation: the service records nothing, the key is only accepted
      ),
    );
  };
  const knob = (name: keyof Knobs, text: string, step: number) => (
    <label>
      {text}
      <input
        type="number"
        step={step}
        min={0}
        value={knobs?.[name] ?? ''}
        onChange={(e) => knobs && setKnobs({ ...knobs, [name]: e.target.value })}
        required
      />
    </label>
  );

  return (
    <section aria-labelledby="simulation-title">
      <h2 id="simulation-title">{t.simulation}</h2>
      <p>{t.simulationIntro}</p>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          loadEntry();
        }}
      >
        <label>
          {t.region}
          <input
            value={regionCode}
            onChange={(e) => setRegionCode(e.target.value)}
            required
            pattern="\d{6}"
          />
        </label>
        <label>
          {t.year}
          <input
            type="number"
            value={year}
            onChange={(e) => setYear(e.target.value)}
            required
            min={1990}
            max={2200}
          />
        </label>
        <button type="submit" disabled={entry.busy}>
          {t.loadPolicy}
        </button>
      </form>
      <ErrorBox error={entry.error} />
      {entry.data && knobs && (
        <form
          className="toolbar"
          aria-label={t.knobs}
          onSubmit={(e) => {
            e.preventDefault();
            simulate();
          }}
        >
          <span className="mono">
            {t.policyInForce}: {entry.data.policyId}
          </span>
          {knob('grassroots', t.ratioGrassroots, 100)}
          {knob('secondary', t.ratioSecondary, 100)}
          {knob('tertiary', t.ratioTertiary, 100)}
          {knob('capYuan', t.inpatientCapYuan, 1000)}
          {knob('ciDeductibleYuan', t.ciDeductibleYuan, 1000)}
          <button type="submit" disabled={simulation.busy}>
            {simulation.busy ? t.loading : t.simulate}
          </button>
        </form>
      )}
      <ErrorBox error={simulation.error} />
      {simulation.data && <Results simulation={simulation.data} />}
    </section>
  );
}

function Results({ simulation: s }: { simulation: Simulation }) {
  const t = useText();
  const option = useMemo(
    (): ChartOption => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, right: 20, data: [t.baseline, t.proposed] },
      grid: { left: 90, right: 20, top: 50, bottom: 30 },
      xAxis: { type: 'category', data: tiers.map(([, name]) => t[name]) },
      yAxis: { type: 'value', name: t.yuan },
      series: [
        {
          name: t.baseline,
          type: 'bar',
          data: tiers.map(([key]) => yuanNumber(s.baselineFen[key])),
        },
        {
          name: t.proposed,
          type: 'bar',
          data: tiers.map(([key]) => yuanNumber(s.proposedFen[key])),
        },
      ],
    }),
    [s, t],
  );
  const counts = t.simulatedCounts
    .replace('{persons}', String(s.persons))
    .replace('{claims}', String(s.claims))
    .replace('{reliefGrants}', String(s.reliefGrants));
  const head = (first: string) => (
    <thead>
      <tr>
        <th>{first}</th>
        <th className="num">{t.baseline}</th>
        <th className="num">{t.proposed}</th>
        <th className="num">{t.difference}</th>
      </tr>
    </thead>
  );
  return (
    <>
      <p data-testid="simulation-counts">
        {s.policyId} · {counts}
      </p>
      <p>
        {t.changedNumbers}:{' '}
        {s.changedNumbers.length === 0
          ? t.noChanges
          : s.changedNumbers.map((c) => `${c.field} ${c.inForce} → ${c.proposed}`).join('; ')}
      </p>
      <Chart option={option} label={`${t.simulation} · ${t.byTier}`} height={280} />
      <table aria-label={t.byTier}>
        <caption>
          {t.byTier} · {t.yuan}
        </caption>
        {head(t.kind)}
        <tbody>
          {tiers.map(([key, name]) => (
            <tr key={key} data-tier={key}>
              <td>{t[name]}</td>
              <td className="num">{formatFen(s.baselineFen[key])}</td>
              <td className="num">{formatFen(s.proposedFen[key])}</td>
              <td className="num" data-testid="difference">
                {formatFen(s.differenceFen[key])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table aria-label={t.byCategory}>
        <caption>
          {t.byCategory} · {t.yuan}
        </caption>
        {head(t.byCategory)}
        <tbody>
          {s.byCategory.map((g) => (
            <tr key={g.category} data-category={g.category}>
              <td>
                {label(t, g.category === 'none' ? 'none' : g.category)} ({g.settlements})
              </td>
              <td className="num">{formatFen(funds(g.baselineFen))}</td>
              <td className="num">{formatFen(funds(g.proposedFen))}</td>
              <td className="num">{formatFen(funds(g.differenceFen))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table aria-label={t.byLevel}>
        <caption>
          {t.byLevel} · {t.yuan}
        </caption>
        {head(t.byLevel)}
        <tbody>
          {s.byLevel.map((g) => (
            <tr key={g.level ?? 'relief'} data-level={g.level ?? 'relief'}>
              <td>
                {label(t, g.level)} ({g.settlements})
              </td>
              <td className="num">{formatFen(funds(g.baselineFen))}</td>
              <td className="num">{formatFen(funds(g.proposedFen))}</td>
              <td className="num" data-testid="difference">
                {formatFen(funds(g.differenceFen))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table aria-label={t.personsAtCap}>
        <caption>{t.personsAtCap}</caption>
        {head(t.cap)}
        <tbody>
          {caps.map((cap) => (
            <tr key={cap} data-cap={cap}>
              <td>{t[cap]}</td>
              <td className="num">{s.personsAtCap.baseline[cap]}</td>
              <td className="num">{s.personsAtCap.proposed[cap]}</td>
              <td className="num">
                {(s.personsAtCap.proposed[cap] ?? 0) - (s.personsAtCap.baseline[cap] ?? 0)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
