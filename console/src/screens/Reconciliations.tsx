import { useEffect, useState } from 'react';
import { get, qs } from '../api';
import { ErrorBox, useLoad } from '../common';
import { useText } from '../i18n';
import { formatFen, type Fen } from '../money';

// Finance and audit: the reconciliations recorded (对账: hospital files, the tax collector's
// files, the treasury's quarters), newest first, each with its verdict and how far it disagreed.

interface Reconciliation {
  reconciliationId: string;
  kind: 'institution' | 'collections' | 'assistance-fund';
  institutionId: string | null;
  regionCode: string | null;
  period: string;
  recordedAt: string;
  agree: boolean;
  lines: number;
  fileHash: string;
  matched?: number;
  mismatched?: number;
  missingInLedger?: number;
  missingInFile?: number;
  differenceFen?: { incomeFen: Fen; expenseFen: Fen; closingBalanceFen: Fen };
}

const kinds = ['institution', 'collections', 'assistance-fund'] as const;

export function Reconciliations() {
  const t = useText();
  const [kind, setKind] = useState('');
  const list = useLoad<{ reconciliations: Reconciliation[] }>();
  const load = (k: string) =>
    list.run(() => get(`/reconciliations${qs({ kind: k || undefined })}`));
  useEffect(() => {
    void load('');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const kindName = (k: string) =>
    k === 'institution'
      ? t.recKindInstitution
      : k === 'collections'
        ? t.recKindCollections
        : t.recKindAssistanceFund;
  const count = (n: number | undefined) => (n === undefined ? '—' : String(n));
  return (
    <section aria-label={t.reconciliations}>
      <h3>{t.reconciliations}</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void load(kind);
        }}
      >
        <label>
          {t.kind}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t.recAll}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindName(k)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={list.busy}>
          {list.busy ? t.loading : t.recRefresh}
        </button>
      </form>
      <ErrorBox error={list.error} />
      {list.data && list.data.reconciliations.length === 0 && <p>{t.recNone}</p>}
      {list.data && list.data.reconciliations.length > 0 && (
        <table aria-label={t.reconciliations}>
          <thead>
            <tr>
              <th>{t.recordedAt}</th>
              <th>{t.kind}</th>
              <th>{t.recScope}</th>
              <th>{t.recPeriod}</th>
              <th className="num">{t.recLines}</th>
              <th className="num">{t.recMatched}</th>
              <th className="num">{t.recMismatched}</th>
              <th className="num">{t.recMissingInLedger}</th>
              <th className="num">{t.recMissingInFile}</th>
              <th className="num">{t.recDifference}</th>
              <th>{t.recResult}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.reconciliations.map((r) => (
              <tr key={r.reconciliationId} data-reconciliation={r.reconciliationId}>
                <td>{new Date(r.recordedAt).toLocaleString()}</td>
                <td>{kindName(r.kind)}</td>
                <td>{r.institutionId ?? r.regionCode}</td>
                <td>{r.period}</td>
                <td className="num">{r.lines}</td>
                <td className="num" data-testid="matched">
                  {count(r.matched)}
                </td>
                <td className="num" data-testid="mismatched">
                  {count(r.mismatched)}
                </td>
                <td className="num" data-testid="missing-in-ledger">
                  {count(r.missingInLedger)}
                </td>
                <td className="num" data-testid="missing-in-file">
                  {count(r.missingInFile)}
                </td>
                <td className="num" data-testid="closing-difference">
                  {r.differenceFen ? formatFen(r.differenceFen.closingBalanceFen) : '—'}
                </td>
                <td data-testid="verdict" title={`SHA-256 ${r.fileHash}`}>
                  {r.agree ? t.recAgree : t.recDisagree}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
