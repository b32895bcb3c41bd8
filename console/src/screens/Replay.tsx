import { useEffect, useState } from 'react';
import { get, post, qs } from '../api';
import { ErrorBox, useLoad } from '../common';
import { useText } from '../i18n';
import { formatFen, type Fen } from '../money';

// Investigators: a person's or an institution's history as it stood at any position, the annual
// sums and caps then, the alerts with their evidence events highlighted; and the alert queue with
// resolution and clawback (reversal) on the same screen. Resident IDs are shown as the API sends
// them: masked unless the key may see them in clear (the API records every clear read).

interface HistoryEvent {
  position: number;
  eventId: string;
  type: string;
  recordedAt: string;
  data: Record<string, unknown>;
}
interface Alert {
  alertId: string;
  rule: string;
  status: string;
  personId: string;
  institutionId: string;
  claimId?: string;
  evidence: string[];
  raisedAt: string;
}
interface Cap {
  baseFen: Fen;
  paidFen: Fen;
  capFen: Fen | null;
}
interface Usage {
  year: number;
  inpatientBasicFen: Fen;
  inpatientCapFen: Fen | null;
  outpatientGeneralFen: Fen;
  outpatientGeneralLimitFen: Fen | null;
  outpatientChronicFen: Fen;
  outpatientChronicLimitFen: Fen | null;
  criticalIllness: Cap;
  assistance: Cap;
  reAssistance: Cap;
}
interface Person {
  personId: string;
  nationalId: string;
  name: string;
  birthDate: string;
  enrollments: { coverageYear: number }[];
}
interface PersonView {
  person: Person;
  all: HistoryEvent[];
  events: HistoryEvent[];
  usage?: Usage;
  alerts: Alert[];
  position: number;
}

const rules = [
  'overlapping-stays',
  'split-admission',
  'frequent-admissions',
  'poverty-risk',
  'cost-outlier',
];

export function Replay() {
  const t = useText();
  const [kind, setKind] = useState<'person' | 'institution'>('person');
  const [id, setId] = useState('');
  const [openId, setOpenId] = useState<
    { kind: 'person' | 'institution'; id: string } | undefined
  >();
  return (
    <section aria-labelledby="replay-title">
      <h2 id="replay-title">{t.replay}</h2>
      <p className="notice" role="note">
        {t.masked}
      </p>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setOpenId({ kind, id: id.trim() });
        }}
      >
        <label>
          {t.subject}
          <select
            value={kind}
            onChange={(e) => setKind(e.target.value as 'person' | 'institution')}
          >
            <option value="person">{t.person}</option>
            <option value="institution">{t.institution}</option>
          </select>
        </label>
        <label>
          {t.subjectId}
          <input value={id} onChange={(e) => setId(e.target.value)} required maxLength={64} />
        </label>
        <button type="submit">{t.load}</button>
      </form>
      {openId?.kind === 'person' && <PersonReplay key={openId.id} personId={openId.id} />}
      {openId?.kind === 'institution' && (
        <InstitutionReplay key={openId.id} institutionId={openId.id} />
      )}
      <AlertQueue
        onOpenPerson={(personId) => {
          setKind('person');
          setId(personId);
          setOpenId({ kind: 'person', id: personId });
        }}
      />
    </section>
  );
}

function PersonReplay({ personId }: { personId: string }) {
  const t = useText();
  const view = useLoad<PersonView>();
  const [asOf, setAsOf] = useState('');
  const base = `/persons/${encodeURIComponent(personId)}`;
  const load = (position?: number, instant?: string, year?: number) =>
    view.run(async () => {
      const [person, full, alerts] = await Promise.all([
        get<Person>(base),
        get<{ events: HistoryEvent[] }>(`${base}/history`),
        get<{ alerts: Alert[] }>(`/alerts${qs({ personId })}`),
      ]);
      const last = full.events.at(-1)?.position ?? 0;
      const then = await get<{ events: HistoryEvent[]; asOfPosition?: number }>(
        `${base}/history${qs(instant ? { asOf: new Date(instant).toISOString() } : { asOfPosition: position ?? last })}`,
      );
      const at = instant ? (then.events.at(-1)?.position ?? 0) : (position ?? last);
      const y = year ?? view.data?.usage?.year ?? person.enrollments.at(-1)?.coverageYear;
      const usage =
        y && then.events.length > 0
          ? await get<Usage>(`${base}/usage${qs({ year: y, asOfPosition: at })}`).catch(
              () => undefined,
            )
          : undefined;
      return {
        person,
        all: full.events,
        events: then.events,
        usage,
        alerts: alerts.alerts,
        position: at,
      };
    });
  useEffect(() => void load(), []); // eslint-disable-line react-hooks/exhaustive-deps
  const v = view.data;
  const evidence = new Set(v?.alerts.flatMap((a) => a.evidence) ?? []);
  const index = v
    ? Math.max(
        0,
        v.all.findIndex((e) => e.position === v.position),
      )
    : 0;
  return (
    <section aria-label={`${t.person} ${personId}`}>
      <ErrorBox error={view.error} />
      {v && (
        <>
          <dl className="facts">
            <dt>{t.name}</dt>
            <dd>{v.person.name}</dd>
            <dt>{t.nationalId}</dt>
            <dd data-testid="national-id" className="mono">
              {v.person.nationalId}
            </dd>
          </dl>
          <div className="toolbar">
            <label>
              {t.asOfPosition}: <output data-testid="as-of-position">{v.position}</output>
              <input
                type="range"
                aria-label={t.asOfPosition}
                min={0}
                max={Math.max(0, v.all.length - 1)}
                step={1}
                value={index}
                aria-valuetext={`${t.position} ${v.position}`}
                onChange={(e) => void load(v.all[Number(e.target.value)]!.position)}
              />
            </label>
            <label>
              {t.asOfInstant}
              <input
                type="datetime-local"
                step={1}
                value={asOf}
                onChange={(e) => setAsOf(e.target.value)}
              />
            </label>
            <button type="button" disabled={!asOf} onClick={() => void load(undefined, asOf)}>
              {t.asStood}
            </button>
            <label>
              {t.year}
              <select
                value={v.usage?.year ?? ''}
                onChange={(e) => void load(v.position, undefined, Number(e.target.value))}
              >
                {[...new Set(v.person.enrollments.map((en) => en.coverageYear))].map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {v.usage && <UsageTable usage={v.usage} />}
          <h3>{t.timeline}</h3>
          <ol className="timeline" aria-label={t.timeline}>
            {v.events.map((e) => (
              <li
                key={e.eventId}
                className={evidence.has(e.eventId) ? 'evidence' : undefined}
                data-event-id={e.eventId}
              >
                <span className="mono">#{e.position}</span> <strong>{e.type}</strong>{' '}
                <span>{e.recordedAt}</span>
                {evidence.has(e.eventId) && (
                  <span className="badge" aria-label={t.evidence}>
                    {t.evidence}
                  </span>
                )}
              </li>
            ))}
          </ol>
          <AlertList alerts={v.alerts} />
        </>
      )}
    </section>
  );
}

function UsageTable({ usage }: { usage: Usage }) {
  const t = useText();
  const rows: [string, Fen, Fen | null][] = [
    [t.inpatientBasic, usage.inpatientBasicFen, usage.inpatientCapFen],
    [t.outpatientGeneral, usage.outpatientGeneralFen, usage.outpatientGeneralLimitFen],
    [t.outpatientChronic, usage.outpatientChronicFen, usage.outpatientChronicLimitFen],
    [t.criticalIllness, usage.criticalIllness.paidFen, usage.criticalIllness.capFen],
    [t.assistance, usage.assistance.paidFen, usage.assistance.capFen],
    [t.reAssistance, usage.reAssistance.paidFen, usage.reAssistance.capFen],
  ];
  return (
    <table aria-label={t.usage}>
      <caption>
        {t.usage} · {usage.year} · {t.yuan}
      </caption>
      <thead>
        <tr>
          <th></th>
          <th className="num">{t.sum}</th>
          <th className="num">{t.cap}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, sum, cap]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="num">{formatFen(sum)}</td>
            <td className="num">{cap === null ? t.none : formatFen(cap)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface InstitutionHistory {
  institutionId: string;
  asOfPosition: number;
  totals: Record<string, Fen | number>;
  claims: {
    claimId: string;
    personId: string;
    claimType: string;
    serviceDate: string;
    totalCostFen: Fen;
    status: string;
    settledPosition: number;
  }[];
  alerts: Alert[];
}

function InstitutionReplay({ institutionId }: { institutionId: string }) {
  const t = useText();
  const view = useLoad<InstitutionHistory>();
  const [latest, setLatest] = useState(0);
  const base = `/institutions/${encodeURIComponent(institutionId)}/history`;
  useEffect(
    () =>
      void view.run(async () => {
        const h = await get<InstitutionHistory>(base);
        setLatest(h.asOfPosition);
        return h;
      }),
    // loaded once per institution: the component is keyed by it
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const v = view.data;
  return (
    <section aria-label={`${t.institution} ${institutionId}`}>
      <ErrorBox error={view.error} />
      {v && (
        <>
          <label>
            {t.asOfPosition}: <output data-testid="as-of-position">{v.asOfPosition}</output>
            <input
              type="range"
              aria-label={t.asOfPosition}
              min={1}
              max={Math.max(1, latest)}
              value={v.asOfPosition}
              onChange={(e) =>
                void view.run(() => get(`${base}${qs({ asOfPosition: e.target.value })}`))
              }
            />
          </label>
          <table aria-label={t.totals}>
            <caption>
              {t.totals} · {t.yuan}
            </caption>
            <tbody>
              {Object.entries(v.totals).map(([k, n]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td className="num">{k.endsWith('Fen') ? formatFen(n as Fen) : String(n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table aria-label={t.claims}>
            <thead>
              <tr>
                <th>{t.claim}</th>
                <th>{t.person}</th>
                <th>{t.kind}</th>
                <th>{t.businessDate}</th>
                <th className="num">{t.totalCost}</th>
                <th>{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {v.claims.map((c) => (
                <tr key={c.claimId}>
                  <td className="mono">{c.claimId}</td>
                  <td className="mono">{c.personId}</td>
                  <td>{c.claimType}</td>
                  <td>{c.serviceDate}</td>
                  <td className="num">{formatFen(c.totalCostFen)}</td>
                  <td>{c.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <AlertList alerts={v.alerts} />
        </>
      )}
    </section>
  );
}

function AlertList({ alerts }: { alerts: Alert[] }) {
  const t = useText();
  return (
    <>
      <h3>{t.alerts}</h3>
      <ul className="alerts">
        {alerts.map((a) => (
          <li key={a.alertId}>
            <strong>{a.rule}</strong> · {t[a.status as 'open']} · {t.evidence}:{' '}
            <span className="mono">{a.evidence.join(', ')}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function AlertQueue({ onOpenPerson }: { onOpenPerson: (personId: string) => void }) {
  const t = useText();
  const [filters, setFilters] = useState({
    rule: '',
    status: 'open',
    personId: '',
    institutionId: '',
  });
  const queue = useLoad<{ alerts: Alert[] }>();
  const load = () => queue.run(() => get(`/alerts${qs(filters)}`));
  useEffect(() => void load(), []); // eslint-disable-line react-hooks/exhaustive-deps
  const set = (field: keyof typeof filters) => (e: { target: { value: string } }) =>
    setFilters({ ...filters, [field]: e.target.value });
  return (
    <section aria-labelledby="queue-title">
      <h3 id="queue-title">{t.alertQueue}</h3>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <label>
          {t.rule}
          <select value={filters.rule} onChange={set('rule')}>
            <option value="">{t.all}</option>
            {rules.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.status}
          <select value={filters.status} onChange={set('status')}>
            <option value="">{t.all}</option>
            <option value="open">{t.open}</option>
            <option value="confirmed">{t.confirmed}</option>
            <option value="dismissed">{t.dismissed}</option>
          </select>
        </label>
        <label>
          {t.person}
          <input value={filters.personId} onChange={set('personId')} maxLength={64} />
        </label>
        <label>
          {t.institution}
          <input value={filters.institutionId} onChange={set('institutionId')} maxLength={64} />
        </label>
        <button type="submit">{t.load}</button>
      </form>
      <ErrorBox error={queue.error} />
      <table aria-label={t.alertQueue}>
        <thead>
          <tr>
            <th>{t.rule}</th>
            <th>{t.status}</th>
            <th>{t.person}</th>
            <th>{t.institution}</th>
            <th>{t.claim}</th>
            <th>{t.evidence}</th>
            <th>{t.raisedAt}</th>
            <th>{t.resolve}</th>
          </tr>
        </thead>
        <tbody>
          {queue.data?.alerts.map((a) => (
            <tr key={a.alertId} data-alert-id={a.alertId}>
              <td>{a.rule}</td>
              <td>{t[a.status as 'open']}</td>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => onOpenPerson(a.personId)}
                  aria-label={`${t.timeline}: ${a.personId}`}
                >
                  {a.personId}
                </button>
              </td>
              <td>{a.institutionId}</td>
              <td className="mono">{a.claimId ?? '—'}</td>
              <td className="mono">{a.evidence.length}</td>
              <td>{a.raisedAt}</td>
              <td>
                {a.status === 'open' ? <Resolution alert={a} onDone={() => void load()} /> : t.done}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Resolution({ alert, onDone }: { alert: Alert; onDone: () => void }) {
  const t = useText();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  // one idempotency key per form: a double click or a retry records the decision once
  const [keys] = useState(() => ({
    resolution: crypto.randomUUID(),
    reversal: crypto.randomUUID(),
  }));
  const act = async (write: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await write();
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  const resolve = (outcome: 'confirmed' | 'dismissed') =>
    act(() => post(`/alerts/${alert.alertId}/resolution`, { outcome, note }, keys.resolution));
  const clawback = () =>
    act(() => post(`/claims/${alert.claimId}/reversal`, { reason: note }, keys.reversal));
  return (
    <div className="resolution">
      <label>
        {t.note}/{t.reason}
        <input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={200}
          aria-label={`${t.note}: ${alert.alertId}`}
        />
      </label>
      <button type="button" disabled={!note.trim()} onClick={() => void resolve('confirmed')}>
        {t.confirm}
      </button>
      <button type="button" disabled={!note.trim()} onClick={() => void resolve('dismissed')}>
        {t.dismiss}
      </button>
      {alert.claimId && (
        <button type="button" disabled={!note.trim()} onClick={() => void clawback()}>
          {t.clawback}
        </button>
      )}
      <ErrorBox error={error} />
    </div>
  );
}
