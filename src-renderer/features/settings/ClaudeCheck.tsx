import { useHealthCheck } from '../../api/system';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Runs the configured Claude CLI once to show which version (if any) the app will use. The path
 * being typed is saved first, since that is the one the user means to check.
 */
export function ClaudeCheck({ beforeCheck }: { beforeCheck?: () => Promise<unknown> }) {
  const health = useHealthCheck();
  const claude = health.data?.claude;
  return (
    <div className="claude-check">
      <button type="button" className="btn" disabled={health.isPending} onClick={() => void (beforeCheck?.() ?? Promise.resolve()).then(() => health.mutate({}), () => undefined)}>
        {health.isPending ? 'Checking…' : 'Check'}
      </button>
      {claude && (
        <span className={claude.version ? 'check-ok' : 'check-bad'}>
          {claude.version ? `Found Claude CLI ${claude.version}${claude.path ? ` at ${claude.path}` : ''}` : (claude.error ?? 'Claude CLI not found')}
        </span>
      )}
      <ErrorAlert error={health.error} />
    </div>
  );
}
