import { useState } from 'react';
import { get } from '../api';
import { ErrorBox, useLoad } from '../common';
import { useText } from '../i18n';

// Ledger verification (issue 14): the SM3 chain check (GET /ledger/verify), the latest signed
// checkpoint (GET /ledger/checkpoint, with the key of GET /ledger/public-key) and a receipt
// (GET /ledger/receipts/{eventId}). The signatures and proofs are checked offline by the
// auditor's `ledger verify --checkpoint` and `ledger verify-receipt` (docs/verification.md).

interface Checkpoint {
  treeSize: number;
  rootHash: string;
  signedAt: string;
  keyId: string;
}

interface Receipt {
  event: { eventId: string; type: string; position: number };
  hash: string;
  inclusion: { leafIndex: number; treeSize: number; auditPath: string[] };
  checkpoint: Checkpoint;
}

export function Verification() {
  const t = useText();
  const verify = useLoad<{ ok: boolean; eventsChecked: number; firstBadPosition: number | null }>();
  const checkpoint = useLoad<Checkpoint>();
  const receipt = useLoad<Receipt>();
  const [eventId, setEventId] = useState('');
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
      <section aria-label={t.checkpoint}>
        <h3>{t.checkpoint}</h3>
        <button
          type="button"
          onClick={() => void checkpoint.run(() => get('/ledger/checkpoint'))}
          disabled={checkpoint.busy}
        >
          {checkpoint.busy ? t.loading : t.loadCheckpoint}
        </button>
        <ErrorBox error={checkpoint.error} />
        {checkpoint.data && <CheckpointFacts checkpoint={checkpoint.data} />}
      </section>
      <section aria-label={t.receipt}>
        <h3>{t.receipt}</h3>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void receipt.run(() => get(`/ledger/receipts/${encodeURIComponent(eventId.trim())}`));
          }}
        >
          <label>
            {t.eventId}
            <input
              value={eventId}
              onChange={(e) => setEventId(e.target.value)}
              required
              maxLength={64}
            />
          </label>
          <button type="submit" disabled={receipt.busy}>
            {receipt.busy ? t.loading : t.loadReceipt}
          </button>
        </form>
        <ErrorBox error={receipt.error} />
        {receipt.data && (
          <div data-testid="receipt">
            <dl className="facts">
              <dt>{t.receiptOf}</dt>
              <dd data-testid="receipt-event">
                {receipt.data.event.type} #{receipt.data.event.position}
              </dd>
              <dt>{t.auditPath}</dt>
              <dd data-testid="receipt-path">{receipt.data.inclusion.auditPath.length}</dd>
            </dl>
            <CheckpointFacts checkpoint={receipt.data.checkpoint} />
          </div>
        )}
      </section>
    </section>
  );
}

function CheckpointFacts({ checkpoint }: { checkpoint: Checkpoint }) {
  const t = useText();
  return (
    <dl className="facts">
      <dt>{t.treeSize}</dt>
      <dd data-testid="tree-size">{checkpoint.treeSize}</dd>
      <dt>{t.rootHash}</dt>
      <dd data-testid="root-hash">
        <code>{checkpoint.rootHash}</code>
      </dd>
      <dt>{t.keyId}</dt>
      <dd>
        <code>{checkpoint.keyId}</code>
      </dd>
      <dt>{t.signedAt}</dt>
      <dd>{checkpoint.signedAt}</dd>
    </dl>
  );
}
