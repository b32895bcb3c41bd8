import { useEffect, useState } from 'react';
import { get, qs } from '../api';
import { ErrorBox, useLoad } from '../common';
import { useText } from '../i18n';
import { formatFen, type Fen } from '../money';
import { type InstitutionHistory } from './replay-model';
import { AlertList } from './AlertList';
import { InstitutionRegistry } from './InstitutionRegistry';

// An institution's claims and alerts as they stood at a position (GET /institutions/{id}/history).

export function InstitutionReplay({ institutionId }: { institutionId: string }) {
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
      <InstitutionRegistry institutionId={institutionId} />
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
