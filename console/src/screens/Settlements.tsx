import { useEffect } from 'react';
import { get, qs } from '../api';
import { ErrorBox, useLoad } from '../common';
import { useText } from '../i18n';
import { formatFen, type Fen } from '../money';

// Monthly settlements with institutions (月结) and their payouts (拨付), as GET
// /institution-settlements reports them: gross per fund summed, the recoveries offset, the net,
// and whether and when it was paid. `status` narrows the list (the money-flow screen shows payouts).

interface FundAmounts {
  basicFen: Fen;
  criticalIllnessFen: Fen;
  assistanceFen: Fen;
  reAssistanceFen: Fen;
}

interface Settlement {
  settlementId: string;
  institutionId: string;
  month: string;
  claimIds: string[];
  grossFen: FundAmounts;
  offsetsFen: FundAmounts;
  netFen: Fen;
  status: 'approved' | 'paid';
  payment: { paidOn: string; bankReference: string } | null;
}

const sum = (a: FundAmounts): Fen =>
  a.basicFen + a.criticalIllnessFen + a.assistanceFen + a.reAssistanceFen;

export function Settlements({ title, status }: { title: string; status?: 'paid' }) {
  const t = useText();
  const list = useLoad<{ settlements: Settlement[] }>();
  const { run } = list;
  useEffect(() => {
    void run(() => get(`/institution-settlements${qs({ status })}`));
  }, [run, status]);
  const rows = list.data?.settlements ?? [];
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <ErrorBox error={list.error} />
      {list.data && rows.length === 0 && <p>{t.noSettlements}</p>}
      {rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t.settlementId}</th>
              <th>{t.institution}</th>
              <th>{t.month}</th>
              <th className="num">{t.grossFen}</th>
              <th className="num">{t.offsetsFen}</th>
              <th className="num">{t.netFen}</th>
              <th>{t.settlementStatus}</th>
              <th>{t.paidOn}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.settlementId} data-settlement={s.settlementId}>
                <td>{s.settlementId}</td>
                <td>{s.institutionId}</td>
                <td>{s.month}</td>
                <td className="num" data-testid="settlement-gross">
                  {formatFen(sum(s.grossFen))}
                </td>
                <td className="num" data-testid="settlement-offsets">
                  {formatFen(sum(s.offsetsFen))}
                </td>
                <td className="num" data-testid="settlement-net">
                  {formatFen(s.netFen)}
                </td>
                <td data-testid="settlement-status">{s.status === 'paid' ? t.paid : t.approved}</td>
                <td>{s.payment?.paidOn ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
