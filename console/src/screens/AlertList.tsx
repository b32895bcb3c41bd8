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
            <strong>{a.rule}</strong> · {t[a.status as 'open']} · {t.evidence}:{' '}
            <span className="mono">{a.evidence.join(', ')}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
