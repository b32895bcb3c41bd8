import { useCallback, useState } from 'react';
import { ApiError } from './api';
import { useText } from './i18n';

export function ErrorBox({ error }: { error: unknown }) {
  const t = useText();
  if (!error) return null;
  const forbidden = error instanceof ApiError && (error.status === 403 || error.status === 401);
  const message = forbidden ? t.forbidden : error instanceof Error ? error.message : String(error);
  return (
    <p role="alert" className="error">
      {t.error}: {message}
      {error instanceof ApiError && error.code ? ` (${error.code})` : ''}
    </p>
  );
}

export function NotYet({ title }: { title: string }) {
  const t = useText();
  return (
    <section className="not-yet" aria-label={title}>
      <h3>{title}</h3>
      <p>{t.notYet}</p>
    </section>
  );
}

/** Runs an async load, keeping its result, error and busy flag. */
export function useLoad<T>() {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (load: () => Promise<T>) => {
    setBusy(true);
    setError(undefined);
    try {
      setData(await load());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);
  return { data, error, busy, run, setData };
}
