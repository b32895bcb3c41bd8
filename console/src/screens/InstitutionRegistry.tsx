import { useEffect } from 'react';
import { get } from '../api';
import { ErrorBox, useLoad } from '../common';
import { useText } from '../i18n';

// An institution's entry in the registry of designated institutions (定点医疗机构):
// GET /institutions/{id}: its levels by date, its agreement and its suspensions.

interface InstitutionRecord {
  institutionId: string;
  name: string;
  regionCode: string;
  levels: Array<{ level: string; effectiveFrom: string }>;
  agreement: { from: string; to: string | null };
  suspensions: Array<{ from: string; to: string | null; reason: string }>;
}

export function InstitutionRegistry({ institutionId }: { institutionId: string }) {
  const t = useText();
  const view = useLoad<InstitutionRecord>();
  useEffect(
    () => void view.run(() => get(`/institutions/${encodeURIComponent(institutionId)}`)),
    // loaded once per institution: the component is keyed by it
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const r = view.data;
  const levelName: Record<string, string> = {
    grassroots: t.levelGrassroots,
    secondary: t.levelSecondary,
    tertiary: t.levelTertiary,
  };
  return (
    <section aria-label={t.registry}>
      <ErrorBox error={view.error} />
      {r && (
        <>
          <h3>
            {t.registry}: {r.name} ({r.regionCode})
          </h3>
          <p data-testid="agreement">
            {t.agreement}: {r.agreement.from} – {r.agreement.to ?? t.openEnded}
          </p>
          <table aria-label={t.levels}>
            <thead>
              <tr>
                <th>{t.levels}</th>
                <th>{t.effectiveFrom}</th>
              </tr>
            </thead>
            <tbody>
              {r.levels.map((l) => (
                <tr key={l.effectiveFrom}>
                  <td>{levelName[l.level] ?? l.level}</td>
                  <td>{l.effectiveFrom}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table aria-label={t.suspensions}>
            <thead>
              <tr>
                <th>{t.suspensions}</th>
                <th>{t.reason}</th>
              </tr>
            </thead>
            <tbody>
              {r.suspensions.map((s) => (
                <tr key={s.from}>
                  <td>
                    {s.from} – {s.to ?? t.openEnded}
                  </td>
                  <td>{s.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
