import { useTranslation } from 'react-i18next';
import type { Run } from '../../../src-shared/domain';
import { useCallMutation } from '../../api/call';
import { useApi } from '../../api/context';
import { formatBytes } from '../../lib/numbers';

/**
 * "Download full log": the run's whole output file, shown only when the engine kept one. In the
 * browser a plain link (cnp serve streams it, authorised by the page's cookie); in the desktop app
 * the main process asks where to save it.
 */
export function FullLogDownload({ run }: { run: Run }) {
  const { t } = useTranslation();
  const api = useApi();
  const save = useCallMutation('runs.saveRawLog');
  if (run.rawLogBytes === null) return null;
  const size = formatBytes(run.rawLogBytes, (count) => t('{{count}} bytes', { count }));
  const title = run.rawLogComplete ? t('Every line the run printed ({{size}})', { size }) : t('The run’s output so far, or up to the full log’s size cap ({{size}})', { size });
  if (api.host === 'web') {
    return (
      <a className="btn btn-small" href={`/api/runs/${run.id}/raw-log`} download={`run-${run.id}-full.log`} title={title}>
        {t('Download full log')}
      </a>
    );
  }
  return (
    <>
      <button type="button" className="btn btn-small" title={title} disabled={save.isPending} onClick={() => save.mutate({ runId: run.id })}>
        {t('Download full log')}
      </button>
      {save.data?.saved && <span className="muted small">{t('Saved to {{path}}', { path: save.data.path })}</span>}
      {save.error && <span className="field-error" role="alert">{save.error.message}</span>}
    </>
  );
}
