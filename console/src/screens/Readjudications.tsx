import { useState } from 'react';
import { post } from '../api';
import { ErrorBox } from '../common';
import { useText } from '../i18n';
import { formatFen, type Fen } from '../money';
import type { HistoryEvent } from './replay-model';

// Re-adjudications (重新结算) on a person's timeline: per year the difference per tier, what the
// funds owe the person or the person owes back, and each claim's assistance before and after;
// and the clerk's or investigator's button to settle a year again (POST /persons/{id}/readjudication).

interface Breakdown {
  basicFen: Fen;
  criticalIllnessFen: Fen;
  assistanceFen: Fen;
  reAssistanceFen: Fen;
  personalFen: Fen;
}
interface Readjudicated {
  coverageYear: number;
  reason: string;
  items: { kind: string; id: string; before: Breakdown; after: Breakdown }[];
  differenceFen: Omit<Breakdown, 'personalFen'>;
  owedToPersonFen: Fen;
  owedByPersonFen: Fen;
}

export function Readjudications({
  personId,
  events,
  years,
  onDone,
}: {
  personId: string;
  events: HistoryEvent[];
  years: number[];
  onDone: () => void;
}) {
  const t = useText();
  const done = events.filter((e) => e.type === 'PersonYearReadjudicated');
  const [year, setYear] = useState(years.at(-1) ?? 2023);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [nothing, setNothing] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const readjudicate = async () => {
    setError(undefined);
    setNothing(false);
    try {
      const answer = await post<{ claims: unknown[] }>(
        `/persons/${encodeURIComponent(personId)}/readjudication`,
        { coverageYear: year, reason },
        key,
      );
      setKey(crypto.randomUUID());
      if (answer.claims.length === 0) setNothing(true);
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-label={t.readjudications}>
      <h3>{t.readjudications}</h3>
      {done.map((e) => {
        const d = e.data as unknown as Readjudicated;
        return (
          <table key={e.eventId} aria-label={`${t.readjudications} #${e.position}`}>
            <caption>
              #{e.position} · {d.coverageYear} · {d.reason} · {t.yuan}
            </caption>
            <thead>
              <tr>
                <th></th>
                <th className="num">{t.tierBasic}</th>
                <th className="num">{t.tierCi}</th>
                <th className="num">{t.tierAssistance}</th>
                <th className="num">{t.tierReAssistance}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((i) => (
                <tr key={i.id}>
                  <th scope="row" className="mono">
                    {i.id}
                  </th>
                  {(
                    ['basicFen', 'criticalIllnessFen', 'assistanceFen', 'reAssistanceFen'] as const
                  ).map((tier) => (
                    <td key={tier} className="num">
                      {formatFen(i.before[tier])} → {formatFen(i.after[tier])}
                    </td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">{t.difference}</th>
                <td className="num">{formatFen(d.differenceFen.basicFen)}</td>
                <td className="num">{formatFen(d.differenceFen.criticalIllnessFen)}</td>
                <td className="num">{formatFen(d.differenceFen.assistanceFen)}</td>
                <td className="num">{formatFen(d.differenceFen.reAssistanceFen)}</td>
              </tr>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t.owedToPerson}</th>
                <td className="num" data-testid="owed-to-person">
                  {formatFen(d.owedToPersonFen)}
                </td>
                <th scope="row">{t.owedByPerson}</th>
                <td className="num" data-testid="owed-by-person">
                  {formatFen(d.owedByPersonFen)}
                </td>
              </tr>
            </tfoot>
          </table>
        );
      })}
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void readjudicate();
        }}
      >
        <label>
          {t.year}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.readjudicationReason}
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
        </label>
        <button type="submit" disabled={!reason.trim()}>
          {t.readjudicate}
        </button>
        {nothing && <output>{t.nothingToChange}</output>}
      </form>
      <ErrorBox error={error} />
    </section>
  );
}
