import { useTranslation } from 'react-i18next';
import { useHealthCheck } from '../../api/system';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Runs the configured Claude CLI once to show which version (if any) the app will use. The path
 * being typed is saved first, since that is the one the user means to check.
 */
export function ClaudeCheck({ beforeCheck }: { beforeCheck?: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const health = useHealthCheck();
  const claude = health.data?.claude;
  return (
    <div className="claude-check">
      <button type="button" className="btn" disabled={health.isPending} onClick={() => void (beforeCheck?.() ?? Promise.resolve()).then(() => health.mutate({}), () => undefined)}>
        {health.isPending ? t('Checking…') : t('Check')}
      </button>
      {claude && (
        <span className={claude.version ? 'check-ok' : 'check-bad'}>
          {claude.version
            ? claude.path
              ? t('Found Claude CLI {{version}} at {{path}}', { version: claude.version, path: claude.path })
              : t('Found Claude CLI {{version}}', { version: claude.version })
            : (claude.error ?? t('Claude CLI not found'))}
        </span>
      )}
      <ErrorAlert error={health.error} />
    </div>
  );
}
