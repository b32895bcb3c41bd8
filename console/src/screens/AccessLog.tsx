import { useEffect, useState } from 'react';
import { get, qs } from '../api';
import { ErrorBox, useLoad } from '../common';
import { useText } from '../i18n';

// The access log (GET /access-log): every clear read of a resident ID, who, role, when, whose,
// where. Admin and investigator keys may read it; others see the API's 403.

interface Entry {
  at: string;
  actor: string;
  role: string;
  personId: string;
  endpoint: string;
}

export function AccessLog() {
  const t = useText();
  const [personId, setPersonId] = useState('');
  const log = useLoad<{ entries: Entry[] }>();
  const load = () =>
    log.run(() => get(`/access-log${qs(personId.trim() ? { personId: personId.trim() } : {})}`));
  useEffect(() => void load(), []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section aria-labelledby="access-log-title">
      <h2 id="access-log-title">{t.accessLog}</h2>
      <p role="note">{t.accessNote}</p>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <label>
          {t.accessLogPerson}
          <input value={personId} onChange={(e) => setPersonId(e.target.value)} />
        </label>
        <button type="submit" disabled={log.busy}>
          {log.busy ? t.loading : t.load}
        </button>
      </form>
      <ErrorBox error={log.error} />
      {log.data &&
        (log.data.entries.length === 0 ? (
          <p>{t.accessNone}</p>
        ) : (
          <table aria-label={t.accessLog} data-testid="access-log">
            <thead>
              <tr>
                <th scope="col">{t.accessAt}</th>
                <th scope="col">{t.accessActor}</th>
                <th scope="col">{t.accessRole}</th>
                <th scope="col">{t.person}</th>
                <th scope="col">{t.accessEndpoint}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.entries.map((e, i) => (
                <tr key={i}>
                  <td>{new Date(e.at).toLocaleString()}</td>
                  <td className="mono">{e.actor}</td>
                  <td>{e.role}</td>
                  <td className="mono">{e.personId}</td>
                  <td className="mono">{e.endpoint}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
