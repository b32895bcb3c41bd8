import { useText } from '../i18n';
import { type Alert } from './replay-model';

// An entity's alerts, each with its rule, status and evidence events.

export function AlertList({ alerts }: { alerts: Alert[] }) {
  const t = useText();
  return (
    <>
      <h3>{t.alerts}</h3>
      <ul className="alerts">
        {alerts.map((a) => (
          <li key={a.alertId}>
            <strong>{a.rule}</strong> · {statusText(t, a.status)} · {t.evidence}:{' '}
            <span className="mono">{a.evidence.join(', ')}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** An alert's status in the reader's language; poverty-risk findings included. */
export function statusText(t: ReturnType<typeof useText>, status: string): string {
  const names: Record<string, string> = {
    open: t.open,
    confirmed: t.confirmed,
    dismissed: t.dismissed,
    'assistance-granted': t.assistanceGranted,
    'not-eligible': t.notEligible,
  };
  return names[status] ?? status;
}
