import { useTranslation } from 'react-i18next';
import type { RunStatus } from '../../src-shared/domain';

/** Capitalised, for menus and headings. English text, and the translation key for other languages. */
const LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  timed_out: 'Timed out',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
  deferred_cooldown: 'Deferred (cooldown)',
  skipped: 'Skipped',
};

export const runStatusLabel = (status: RunStatus) => LABELS[status];

/** Badges read as the status word itself ("succeeded"), the same word the CLI and API use. */
const badgeText = (status: RunStatus) => (status === 'deferred_cooldown' ? 'deferred' : status.replace('_', ' '));

export function StatusBadge({ status }: { status: RunStatus | null }) {
  const { t } = useTranslation();
  if (status === null) return <span className="badge badge-none">{t('never run')}</span>;
  return (
    <span className={`badge badge-${status}`} title={t(LABELS[status])}>
      {t(badgeText(status))}
    </span>
  );
}
