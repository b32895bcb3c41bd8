import { useEffect, useState } from 'react';
import { get, post, qs } from '../api';
import { ErrorBox, useLoad } from '../common';
import { useText } from '../i18n';
import { type Alert, rules } from './replay-model';
import { statusText } from './AlertList';

// The investigator's alert queue: filters, evidence, resolution and clawback (reversal) in one place.

export function AlertQueue({ onOpenPerson }: { onOpenPerson: (personId: string) => void }) {
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
            <option value="assistance-granted">{t.assistanceGranted}</option>
            <option value="not-eligible">{t.notEligible}</option>
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
        <button
          type="button"
          onClick={() => {
            // 主动识别: the investigator's work list is the open poverty-risk alerts
            const workList = { ...filters, rule: 'poverty-risk', status: 'open' };
            setFilters(workList);
            void queue.run(() => get(`/alerts${qs(workList)}`));
          }}
        >
          {t.workList}
        </button>
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
              <td>{statusText(t, a.status)}</td>
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
  const [statusPosition, setStatusPosition] = useState('');
  const resolve = (outcome: 'confirmed' | 'dismissed' | 'assistance-granted' | 'not-eligible') =>
    act(() =>
      post(
        `/alerts/${alert.alertId}/resolution`,
        outcome === 'assistance-granted'
          ? { outcome, note, statusPosition: Number(statusPosition) }
          : { outcome, note },
        keys.resolution,
      ),
    );
  const clawback = () =>
    act(() => post(`/claims/${alert.claimId}/reversal`, { reason: note }, keys.reversal));
  if (alert.rule === 'poverty-risk')
    // 因病返贫致贫风险 is not fraud: the finding is assistance on application, or not eligible
    return (
      <div className="resolution">
        <label>
          {t.note}
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={200}
            aria-label={`${t.note}: ${alert.alertId}`}
          />
        </label>
        <label>
          {t.statusPosition}
          <input
            value={statusPosition}
            onChange={(e) => setStatusPosition(e.target.value.replace(/\D/g, ''))}
            type="number"
            min={1}
            step={1}
            aria-label={`${t.statusPosition}: ${alert.alertId}`}
          />
        </label>
        <button
          type="button"
          disabled={!note.trim() || !statusPosition}
          onClick={() => void resolve('assistance-granted')}
        >
          {t.grantAssistance}
        </button>
        <button type="button" disabled={!note.trim()} onClick={() => void resolve('not-eligible')}>
          {t.notEligible}
        </button>
        {alert.claimId && (
          <button type="button" disabled={!note.trim()} onClick={() => void clawback()}>
            {t.clawback}
          </button>
        )}
        <ErrorBox error={error} />
      </div>
    );
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
