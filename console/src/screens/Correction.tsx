import { useState } from 'react';
import { post } from '../api';
import { ErrorBox } from '../common';
import { useText } from '../i18n';
import { formatFen, type Fen } from '../money';

// A claim's costs partly disallowed (违规费用): the investigator enters the corrected amounts in
// yuan; POST /claims/{id}/correction settles the claim again and answers what each fund recovers.

interface Recovered {
  basicFen: Fen;
  criticalIllnessFen: Fen;
  assistanceFen: Fen;
  reAssistanceFen: Fen;
}

/** "1234.5" yuan -> 123450 fen, exactly (no float); undefined when not an amount. */
export function yuanToFen(text: string): number | undefined {
  const m = /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  return Number(BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0')));
}

export function Correction() {
  const t = useText();
  const [form, setForm] = useState({ claimId: '', total: '', policy: '', reason: '' });
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<unknown>();
  const [recovered, setRecovered] = useState<Recovered | undefined>();
  const totalCostFen = yuanToFen(form.total);
  const policyCostFen = yuanToFen(form.policy);
  const ready =
    form.claimId.trim() !== '' &&
    form.reason.trim() !== '' &&
    totalCostFen !== undefined &&
    policyCostFen !== undefined;
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => {
    setForm({ ...form, [field]: e.target.value });
    setKey(crypto.randomUUID()); // another request: another idempotency key
  };
  const submit = async () => {
    setError(undefined);
    setRecovered(undefined);
    try {
      const res = await post<{ recoveredFen: Recovered }>(
        `/claims/${encodeURIComponent(form.claimId.trim())}/correction`,
        { totalCostFen, policyCostFen, reason: form.reason },
        key,
      );
      setRecovered(res.recoveredFen);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-label={t.correction}>
      <h3>{t.correction}</h3>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void submit();
        }}
      >
        <label>
          {t.claim}
          <input value={form.claimId} onChange={set('claimId')} maxLength={64} />
        </label>
        <label>
          {t.correctedTotal}
          <input value={form.total} onChange={set('total')} inputMode="decimal" maxLength={15} />
        </label>
        <label>
          {t.correctedPolicy}
          <input value={form.policy} onChange={set('policy')} inputMode="decimal" maxLength={15} />
        </label>
        <label>
          {t.reason}
          <input value={form.reason} onChange={set('reason')} maxLength={200} />
        </label>
        <button type="submit" disabled={!ready}>
          {t.correct}
        </button>
      </form>
      <ErrorBox error={error} />
      {recovered && (
        <p role="status">
          {t.recovered}:{' '}
          <span data-testid="recovered-total">
            {formatFen(
              recovered.basicFen +
                recovered.criticalIllnessFen +
                recovered.assistanceFen +
                recovered.reAssistanceFen,
            )}
          </span>
        </p>
      )}
    </section>
  );
}
