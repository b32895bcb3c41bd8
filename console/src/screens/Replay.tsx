import { useEffect, useState } from 'react';
import { get, qs } from '../api';
import { ErrorBox, useLoad } from '../common';
import { useText } from '../i18n';
import { formatFen, type Fen } from '../money';
import {
  type HistoryEvent,
  type Alert,
  type Usage,
  type Person,
  type PersonView,
} from './replay-model';
import { AlertList } from './AlertList';
import { AlertQueue } from './AlertQueue';
import { Correction } from './Correction';
import { InstitutionReplay } from './InstitutionReplay';
import { Readjudications } from './Readjudications';

// Investigators: a person's or an institution's history as it stood at any position, the annual
// sums and caps then, the alerts with their evidence events highlighted; and the alert queue with
// resolution and clawback (reversal) on the same screen. Resident IDs are shown as the API sends
// them: masked unless the key may see them in clear (the API records every clear read).

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
      <Correction />
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
            <dd>{v.person.erased ? t.erased : v.person.name}</dd>
            <dt>{t.nationalId}</dt>
            <dd data-testid="national-id" className="mono">
              {v.person.erased ? t.erased : v.person.nationalId}
            </dd>
          </dl>
          {v.person.erased && (
            <p role="status" data-testid="erased">
              {t.erasedNote}
            </p>
          )}
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
          <Readjudications
            personId={personId}
            events={v.events}
            years={[...new Set(v.person.enrollments.map((en) => en.coverageYear))]}
            onDone={() => void load()}
          />
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
