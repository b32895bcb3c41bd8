import { useEffect, useMemo, useState } from 'react';
import { get, qs } from '../api';
import { Chart, type ChartOption } from '../Chart';
import { ErrorBox, useLoad } from '../common';
import { Settlements } from './Settlements';
import {
  balancesByDate,
  byEvent,
  moneyFlow,
  type Band,
  type NodeKey,
  type PostingRow,
} from '../flow';
import { useText, type Text } from '../i18n';
import { formatFen, yuanNumber, type Fen } from '../money';

// Auditors: where the money of a region and year came from, which fund and tier paid it, and to
// which institution; each band opens its postings and the events behind them.

const pageLinesMax = 1000; // GET /ledger/postings accepts at most 1000 lines a page
const pagesMax = 200; // 200 000 lines: beyond that the page says it is truncated

interface Fund {
  account: string;
  kind: string;
  regionCode: string;
  year: number | null;
  creditsFen: Fen;
  debitsFen: Fen;
  balanceFen: Fen;
}

async function allPostings(): Promise<{ rows: PostingRow[]; truncated: boolean }> {
  const rows: PostingRow[] = [];
  let after: string | null = '0';
  for (let page = 0; page < pagesMax && after !== null; page += 1) {
    const res: { postings: PostingRow[]; next: string | null } = await get(
      `/ledger/postings${qs({ after, limit: pageLinesMax })}`,
    );
    rows.push(...res.postings);
    after = res.next;
  }
  return { rows, truncated: after !== null };
}

export function nodeName(t: Text, key: NodeKey): string {
  return key.startsWith('institution:')
    ? `${t.institution} ${key.slice('institution:'.length)}`
    : t[key as Exclude<NodeKey, `institution:${string}`>];
}

export function MoneyFlow() {
  const t = useText();
  const [regions, setRegions] = useState<{ regionCode: string; years: number[] }[]>([]);
  const [regionCode, setRegionCode] = useState('');
  const [year, setYear] = useState('');
  const [selected, setSelected] = useState<Band | undefined>();
  const [traced, setTraced] = useState<{ id: string } | undefined>();
  const [listError, setListError] = useState<unknown>();
  const flow = useLoad<{
    funds: Fund[];
    rows: PostingRow[];
    truncated: boolean;
    regionCode: string;
    year: number;
  }>();

  useEffect(() => {
    get<{ funds: Fund[] }>('/funds').then(({ funds }) => {
      const byRegion = new Map<string, Set<number>>();
      for (const f of funds) {
        const years = byRegion.get(f.regionCode) ?? new Set<number>();
        if (f.year !== null) years.add(f.year);
        byRegion.set(f.regionCode, years);
      }
      const list = [...byRegion.entries()]
        .sort()
        .map(([code, years]) => ({ regionCode: code, years: [...years].sort((a, b) => b - a) }));
      setRegions(list);
      if (list[0]) {
        setRegionCode(list[0].regionCode);
        setYear(String(list[0].years[0] ?? new Date().getFullYear()));
      }
    }, setListError);
  }, []);

  const load = () => {
    setSelected(undefined);
    void flow.run(async () => {
      const [{ funds }, postings] = await Promise.all([
        get<{ funds: Fund[] }>(`/funds${qs({ regionCode, year })}`),
        allPostings(),
      ]);
      return { funds, ...postings, regionCode, year: Number(year) };
    });
  };

  const bands = useMemo(
    () => (flow.data ? moneyFlow(flow.data.rows, flow.data.regionCode, flow.data.year) : []),
    [flow.data],
  );
  const years = regions.find((r) => r.regionCode === regionCode)?.years ?? [];

  return (
    <section aria-labelledby="flow-title">
      <h2 id="flow-title">{t.moneyFlow}</h2>
      <ErrorBox error={listError} />
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <label>
          {t.region}
          <select value={regionCode} onChange={(e) => setRegionCode(e.target.value)}>
            {regions.map((r) => (
              <option key={r.regionCode} value={r.regionCode}>
                {r.regionCode}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.year}
          <select value={year} onChange={(e) => setYear(e.target.value)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!regionCode || flow.busy}>
          {flow.busy ? t.loading : t.load}
        </button>
      </form>
      <ErrorBox error={flow.error} />
      {flow.data && (
        <>
          {flow.data.truncated && <p role="status">{t.truncated}</p>}
          <FlowChart bands={bands} onSelect={setSelected} />
          <BandTable bands={bands} onSelect={setSelected} />
          {selected && (
            <BandPostings
              band={selected}
              rows={flow.data.rows}
              onTrace={(id) => setTraced({ id })}
            />
          )}
          <Settlements title={t.payouts} status="paid" />
          <FundTable funds={flow.data.funds} />
          <BalanceChart funds={flow.data.funds} rows={flow.data.rows} />
        </>
      )}
      <Trace requested={traced} />
    </section>
  );
}

function FlowChart({ bands, onSelect }: { bands: Band[]; onSelect: (b: Band) => void }) {
  const t = useText();
  // ECharts' Sankey draws forward money only; a band whose net is negative (more reversed than paid) stays in the table
  const drawn = bands.filter((b) => b.amountFen > 0n);
  const option = useMemo<ChartOption>(() => {
    const names = [...new Set(drawn.flatMap((b) => [b.from, b.to]))];
    return {
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'sankey',
          emphasis: { focus: 'adjacency' },
          nodeAlign: 'justify', // every payee in the last column
          left: 20,
          right: 180, // the last column's labels (institutions) are drawn to its right
          data: names.map((n) => ({ name: nodeName(t, n) })),
          links: drawn.map((b) => ({
            source: nodeName(t, b.from),
            target: nodeName(t, b.to),
            value: yuanNumber(b.amountFen),
          })),
          lineStyle: { color: 'gradient', opacity: 0.4 },
        },
      ],
    };
  }, [drawn, t]);
  return (
    <Chart
      option={option}
      label={t.sankey}
      height={420}
      onClick={(p) => p.dataType === 'edge' && drawn[p.dataIndex] && onSelect(drawn[p.dataIndex]!)}
    />
  );
}

function BandTable({ bands, onSelect }: { bands: Band[]; onSelect: (b: Band) => void }) {
  const t = useText();
  return (
    <table aria-label={t.bands}>
      <caption>
        {t.bands} · {t.yuan}
      </caption>
      <thead>
        <tr>
          <th>{t.from}</th>
          <th>{t.to}</th>
          <th className="num">{t.amount}</th>
          <th>{t.postings}</th>
        </tr>
      </thead>
      <tbody>
        {bands.map((b) => (
          <tr key={`${b.from}>${b.to}`} data-band={`${b.from}>${b.to}`}>
            <td>{nodeName(t, b.from)}</td>
            <td>{nodeName(t, b.to)}</td>
            <td className="num" data-testid="band-amount">
              {formatFen(b.amountFen)}
            </td>
            <td>
              <button
                type="button"
                onClick={() => onSelect(b)}
                aria-label={`${t.details}: ${nodeName(t, b.from)} → ${nodeName(t, b.to)}`}
              >
                {t.details}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Postings carry no claim id; an institution's history lists its claims with the positions of
 * their settlement and reversal, which names the claim behind each such event for its trace.
 */
async function claimsByPosition(events: PostingRow[][]): Promise<Map<number, string>> {
  const institutions = new Set(
    events
      .flatMap((lines) => lines.map((l) => l.account))
      .filter((a) => a.startsWith('payable:institution:'))
      .map((a) => a.slice('payable:institution:'.length)),
  );
  const byPosition = new Map<number, string>();
  for (const id of institutions) {
    const history = await get<{
      claims: { claimId: string; settledPosition: number; reversedPosition: number | null }[];
    }>(`/institutions/${encodeURIComponent(id)}/history`);
    for (const c of history.claims) {
      byPosition.set(c.settledPosition, c.claimId);
      if (c.reversedPosition !== null) byPosition.set(c.reversedPosition, c.claimId);
    }
  }
  return byPosition;
}

function BandPostings({
  band,
  rows,
  onTrace,
}: {
  band: Band;
  rows: PostingRow[];
  onTrace: (id: string) => void;
}) {
  const t = useText();
  const events = useMemo(
    () => [...byEvent(rows.filter((r) => band.eventIds.has(r.eventId))).values()],
    [band, rows],
  );
  const [claims, setClaims] = useState(new Map<number, string>());
  useEffect(
    () => void claimsByPosition(events).then(setClaims, () => setClaims(new Map())),
    [events],
  );
  return (
    <section
      aria-label={`${t.postings}: ${nodeName(t, band.from)} → ${nodeName(t, band.to)}`}
      className="drill"
    >
      <h3>
        {t.postings}: {nodeName(t, band.from)} → {nodeName(t, band.to)}
      </h3>
      <table>
        <thead>
          <tr>
            <th>{t.position}</th>
            <th>{t.eventType}</th>
            <th>{t.eventId}</th>
            <th>{t.businessDate}</th>
            <th>{t.account}</th>
            <th className="num">{t.debit}</th>
            <th className="num">{t.credit}</th>
            <th>{t.trace}</th>
          </tr>
        </thead>
        <tbody>
          {events.flatMap((lines) =>
            lines.map((r) => (
              <tr key={`${r.position}.${r.line}`}>
                <td>{r.position}</td>
                <td>{r.eventType}</td>
                <td className="mono">{r.eventId}</td>
                <td>{r.businessDate}</td>
                <td className="mono">{r.account}</td>
                <td className="num">{formatFen(r.debitFen)}</td>
                <td className="num">{formatFen(r.creditFen)}</td>
                <td>
                  {r.line === lines[0]!.line && claims.has(r.position) && (
                    <button
                      type="button"
                      onClick={() => onTrace(claims.get(r.position)!)}
                      aria-label={`${t.trace}: ${claims.get(r.position)}`}
                    >
                      {t.trace}
                    </button>
                  )}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  );
}

function FundTable({ funds }: { funds: Fund[] }) {
  const t = useText();
  return (
    <table aria-label={t.funds}>
      <caption>
        {t.funds} · {t.yuan}
      </caption>
      <thead>
        <tr>
          <th>{t.account}</th>
          <th className="num">{t.credits}</th>
          <th className="num">{t.debits}</th>
          <th className="num">{t.balance}</th>
        </tr>
      </thead>
      <tbody>
        {funds.map((f) => (
          <tr key={f.account} data-account={f.account}>
            <td className="mono">{f.account}</td>
            <td className="num">{formatFen(f.creditsFen)}</td>
            <td className="num">{formatFen(f.debitsFen)}</td>
            <td className="num" data-testid="fund-balance">
              {formatFen(f.balanceFen)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BalanceChart({ funds, rows }: { funds: Fund[]; rows: PostingRow[] }) {
  const t = useText();
  const option = useMemo<ChartOption>(() => {
    const series = balancesByDate(
      rows,
      funds.map((f) => f.account),
    );
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 80, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: t.yuan },
      series: [...series.entries()].map(([account, points]) => ({
        name: account,
        type: 'line',
        step: 'end',
        data: points.map(([d, b]) => [d, yuanNumber(b)]),
      })),
    };
  }, [funds, rows, t]);
  return (
    <section aria-label={t.balancesOverTime}>
      <h3>{t.balancesOverTime}</h3>
      <Chart option={option} label={t.balancesOverTime} />
    </section>
  );
}

interface TraceEvent {
  position: number;
  eventId: string;
  type: string;
  recordedAt: string;
  businessDate: string | null;
  postings: { account: string; debitFen: Fen; creditFen: Fen }[];
}

function Trace({ requested }: { requested?: { id: string } }) {
  const t = useText();
  const [id, setId] = useState('');
  const trace = useLoad<{ id: string; events: TraceEvent[] }>();
  useEffect(() => {
    if (!requested) return;
    setId(requested.id);
    void trace.run(() => get(`/ledger/trace/${encodeURIComponent(requested.id)}`));
    document.getElementById('trace-title')?.scrollIntoView();
  }, [requested]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section aria-labelledby="trace-title">
      <h3 id="trace-title">{t.trace}</h3>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void trace.run(() => get(`/ledger/trace/${encodeURIComponent(id.trim())}`));
        }}
      >
        <label>
          {t.traceId}
          <input value={id} onChange={(e) => setId(e.target.value)} required maxLength={64} />
        </label>
        <button type="submit" disabled={trace.busy}>
          {t.trace}
        </button>
      </form>
      <ErrorBox error={trace.error} />
      {trace.data && (
        <table aria-label={`${t.trace} ${trace.data.id}`}>
          <thead>
            <tr>
              <th>{t.position}</th>
              <th>{t.eventType}</th>
              <th>{t.businessDate}</th>
              <th>{t.recordedAt}</th>
              <th>{t.postings}</th>
            </tr>
          </thead>
          <tbody>
            {trace.data.events.map((e) => (
              <tr key={e.eventId}>
                <td>{e.position}</td>
                <td>{e.type}</td>
                <td>{e.businessDate ?? '—'}</td>
                <td>{e.recordedAt}</td>
                <td>
                  <ul className="lines">
                    {e.postings.map((p, i) => (
                      <li key={i}>
                        <span className="mono">{p.account}</span>{' '}
                        {p.debitFen > 0n
                          ? `${t.debit} ${formatFen(p.debitFen)}`
                          : `${t.credit} ${formatFen(p.creditFen)}`}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
