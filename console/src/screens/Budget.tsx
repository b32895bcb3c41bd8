import { useEffect, useMemo, useState } from 'react';
import { download, get, qs } from '../api';
import { Chart, type ChartOption } from '../Chart';
import { ErrorBox, useLoad } from '../common';
import { Settlements } from './Settlements';
import { useText } from '../i18n';
import { formatFen, type Fen } from '../money';
import { Reconciliations } from './Reconciliations';

// Finance: each fund's months of reserve against the policy's thresholds (drawn on the gauge), the
// run-rate year-end projection under the scenario knobs, and the monthly statements to download.

interface BudgetFund {
  account: string;
  kind: string;
  incomeToDateFen: Fen;
  expenseToDateFen: Fen;
  balanceFen: Fen;
  monthsOfReserve: number | null;
  riskLevel: string;
  projectedYearEndExpenseFen: Fen;
  projectedYearEndBalanceFen: Fen;
}
interface Budget {
  regionCode: string;
  year: number;
  asOfDate: string;
  funds: BudgetFund[];
  assumptions: {
    reserve: { criticalBelowMonths: number; warningBelowMonths: number; excessAboveMonths: number };
  };
}
interface StatementMonth {
  month: string;
  openingBalanceFen: Fen;
  incomeFen: Fen;
  expenseFen: Fen;
  closingBalanceFen: Fen;
}
interface Statements {
  funds: { account: string; kind: string; months: StatementMonth[] }[];
}

const knobBpMax = 5000; // the sliders span -50% .. +50%
const knobStepBp = 100;
const riskColours = {
  critical: '#c62828',
  warning: '#ef6c00',
  normal: '#2e7d32',
  excess: '#1565c0',
} as const;

export function Budget() {
  const t = useText();
  const [regionCode, setRegionCode] = useState('');
  const [year, setYear] = useState('');
  const [asOfDate, setAsOfDate] = useState('');
  const [costGrowthBp, setCostGrowth] = useState(0);
  const [headcountChangeBp, setHeadcount] = useState(0);
  const budget = useLoad<Budget>();
  const statements = useLoad<Statements>();
  const [downloadError, setDownloadError] = useState<unknown>();

  useEffect(() => {
    get<{ funds: { regionCode: string; year: number | null }[] }>('/funds').then(
      ({ funds }) => {
        const first = funds.find((f) => f.year !== null);
        if (first) {
          setRegionCode(first.regionCode);
          setYear(String(first.year));
        }
      },
      () => undefined,
    );
  }, []);

  const load = (cost = costGrowthBp, heads = headcountChangeBp) => {
    void budget.run(() =>
      get(
        `/budget${qs({ regionCode, year, asOfDate, costGrowthBp: cost, headcountChangeBp: heads })}`,
      ),
    );
    void statements.run(() => get(`/funds/statements${qs({ regionCode, year })}`));
  };
  const file = (format: 'csv' | 'xlsx') =>
    download(
      `/funds/statements${qs({ regionCode, year, format })}`,
      `statements-${regionCode}-${year}.${format}`,
    ).catch(setDownloadError);

  return (
    <section aria-labelledby="budget-title">
      <h2 id="budget-title">{t.budget}</h2>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          load();
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
            min={1900}
            max={2100}
          />
        </label>
        <label>
          {t.asOfDate}
          <input type="date" value={asOfDate} onChange={(e) => setAsOfDate(e.target.value)} />
        </label>
        <button type="submit" disabled={budget.busy}>
          {t.load}
        </button>
      </form>
      <div className="toolbar">
        <label>
          {t.costGrowth}: <output>{costGrowthBp}</output>
          <input
            type="range"
            aria-label={t.costGrowth}
            min={-knobBpMax}
            max={knobBpMax}
            step={knobStepBp}
            value={costGrowthBp}
            onChange={(e) => {
              setCostGrowth(Number(e.target.value));
            }}
            onPointerUp={() => load()}
            onKeyUp={() => load()}
          />
        </label>
        <label>
          {t.headcountChange}: <output>{headcountChangeBp}</output>
          <input
            type="range"
            aria-label={t.headcountChange}
            min={-knobBpMax}
            max={knobBpMax}
            step={knobStepBp}
            value={headcountChangeBp}
            onChange={(e) => {
              setHeadcount(Number(e.target.value));
            }}
            onPointerUp={() => load()}
            onKeyUp={() => load()}
          />
        </label>
      </div>
      <ErrorBox error={budget.error} />
      {budget.data && <Reserve budget={budget.data} />}
      <h3>{t.statements}</h3>
      <div className="toolbar">
        <button type="button" disabled={!statements.data} onClick={() => void file('csv')}>
          {t.downloadCsv}
        </button>
        <button type="button" disabled={!statements.data} onClick={() => void file('xlsx')}>
          {t.downloadXlsx}
        </button>
      </div>
      <ErrorBox error={statements.error ?? downloadError} />
      {statements.data?.funds.map((f) => (
        <table key={f.account} aria-label={`${t.statements} ${f.account}`}>
          <caption>
            {f.account} · {t.yuan}
          </caption>
          <thead>
            <tr>
              <th>{t.month}</th>
              <th className="num">{t.opening}</th>
              <th className="num">{t.income}</th>
              <th className="num">{t.expense}</th>
              <th className="num">{t.closing}</th>
            </tr>
          </thead>
          <tbody>
            {f.months.map((m) => (
              <tr key={m.month}>
                <td>{m.month}</td>
                <td className="num">{formatFen(m.openingBalanceFen)}</td>
                <td className="num">{formatFen(m.incomeFen)}</td>
                <td className="num">{formatFen(m.expenseFen)}</td>
                <td className="num">{formatFen(m.closingBalanceFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <Reconciliations />
      <Settlements title={t.settlements} />
    </section>
  );
}

function Reserve({ budget }: { budget: Budget }) {
  const t = useText();
  const { criticalBelowMonths, warningBelowMonths, excessAboveMonths } = budget.assumptions.reserve;
  const max = Math.ceil(excessAboveMonths * 1.6);
  const option = (f: BudgetFund): ChartOption => ({
    series: [
      {
        type: 'gauge',
        min: 0,
        max,
        splitNumber: 8,
        axisLine: {
          lineStyle: {
            width: 18,
            color: [
              [criticalBelowMonths / max, riskColours.critical],
              [warningBelowMonths / max, riskColours.warning],
              [excessAboveMonths / max, riskColours.normal],
              [1, riskColours.excess],
            ],
          },
        },
        pointer: { itemStyle: { color: 'auto' } },
        detail: { formatter: `${f.monthsOfReserve ?? '—'}`, fontSize: 20 },
        title: { offsetCenter: [0, '80%'] },
        data: [
          {
            value: Math.max(0, Math.min(max, f.monthsOfReserve ?? 0)),
            name: t[f.riskLevel as 'normal'] ?? f.riskLevel,
          },
        ],
      },
    ],
  });
  const gauges = useMemo(() => budget.funds.map((f) => ({ f, o: option(f) })), [budget, t]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <h3>{t.reserve}</h3>
      <p>
        {t.thresholds}: {t.critical} &lt; {criticalBelowMonths} ≤ {t.warning} &lt;{' '}
        {warningBelowMonths} ≤ {t.normal} ≤ {excessAboveMonths} &lt; {t.excess}
      </p>
      <div className="gauges">
        {gauges.map(({ f, o }) => (
          <figure key={f.account}>
            <Chart
              option={o}
              label={`${t.monthsOfReserve} ${f.account}: ${f.monthsOfReserve ?? '—'}, ${t.riskLevel} ${t[f.riskLevel as 'normal'] ?? f.riskLevel}`}
              height={240}
            />
            <figcaption className="mono">{f.account}</figcaption>
          </figure>
        ))}
      </div>
      <table aria-label={t.projection}>
        <caption>
          {t.projection} · {budget.asOfDate} · {t.yuan}
        </caption>
        <thead>
          <tr>
            <th>{t.account}</th>
            <th className="num">{t.income}</th>
            <th className="num">{t.expense}</th>
            <th className="num">{t.balance}</th>
            <th className="num">{t.monthsOfReserve}</th>
            <th>{t.riskLevel}</th>
            <th className="num">{t.projectedExpense}</th>
            <th className="num">{t.projectedBalance}</th>
          </tr>
        </thead>
        <tbody>
          {budget.funds.map((f) => (
            <tr key={f.account} data-account={f.account}>
              <td className="mono">{f.account}</td>
              <td className="num">{formatFen(f.incomeToDateFen)}</td>
              <td className="num">{formatFen(f.expenseToDateFen)}</td>
              <td className="num">{formatFen(f.balanceFen)}</td>
              <td className="num" data-testid="months">
                {f.monthsOfReserve ?? '—'}
              </td>
              <td className={`risk-${f.riskLevel}`}>{t[f.riskLevel as 'normal'] ?? f.riskLevel}</td>
              <td className="num" data-testid="projected-expense">
                {formatFen(f.projectedYearEndExpenseFen)}
              </td>
              <td className="num" data-testid="projected-balance">
                {formatFen(f.projectedYearEndBalanceFen)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
