import { get } from '../api';
import { ErrorBox, NotYet, useLoad } from '../common';
import { useText } from '../i18n';

// Recomputes the tamper-evidence chain (GET /ledger/verify). Checkpoints and receipts are API 1.1
// features not built yet: their places are kept in the frame.

export function Verification() {
  const t = useText();
  const verify = useLoad<{ ok: boolean; eventsChecked: number; firstBadPosition: number | null }>();
  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">{t.verification}</h2>
      <button
        type="button"
        onClick={() => void verify.run(() => get('/ledger/verify'))}
        disabled={verify.busy}
      >
        {verify.busy ? t.loading : t.verify}
      </button>
      <ErrorBox error={verify.error} />
      {verify.data && (
        <div role="status" className={verify.data.ok ? 'ok' : 'error'}>
          <p data-testid="verify-result">{verify.data.ok ? t.verifyOk : t.verifyBad}</p>
          <dl className="facts">
            <dt>{t.eventsChecked}</dt>
            <dd data-testid="events-checked">{verify.data.eventsChecked}</dd>
            <dt>{t.firstBad}</dt>
            <dd>{verify.data.firstBadPosition ?? '—'}</dd>
          </dl>
        </div>
      )}
      <NotYet title={t.checkpoint} />
      <NotYet title={t.receipt} />
    </section>
  );
}
