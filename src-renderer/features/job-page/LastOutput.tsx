import { useTranslation } from 'react-i18next';
import type { Run } from '../../../src-shared/domain';
import { useRunEvents } from '../../api/run-events';
import { StatusBadge } from '../../components/StatusBadge';
import { href } from '../../routing';
import { buildLog } from '../run-log/log-rows';
import { renderMarkdown } from '../run-log/markdown';

const TAIL_LINES = 15;

function Output({ run }: { run: Run }) {
  const { t } = useTranslation();
  const log = useRunEvents(run.id, true);
  const rows = buildLog(log.events).rows;
  const result = [...rows].reverse().find((r) => r.type === 'result' && r.text);
  if (log.loading) return <p className="muted">{t('Loading…')}</p>;
  if (result && result.type === 'result') {
    return <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(result.text) }} />;
  }
  const lines = rows
    .filter((r) => r.type === 'stdout' || r.type === 'stderr' || r.type === 'assistant')
    .slice(-TAIL_LINES)
    .map((r) => ('text' in r ? r.text : ''));
  return lines.length ? <pre className="last-output">{lines.join('\n')}</pre> : <p className="muted">{t('No output.')}</p>;
}

/** The end of the latest run's output: Claude's final answer, or the last lines a command printed. */
export function LastOutput({ run }: { run: Run | null }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="job-last-output" className="card">
      <h2 id="job-last-output">{t('Last output')}</h2>
      {run === null ? (
        <p className="muted">{t('No runs yet.')}</p>
      ) : (
        <>
          <p className="small">
            <a href={href.run(run.id)}>#{run.id}</a> <StatusBadge status={run.status} />
          </p>
          <Output run={run} />
        </>
      )}
    </section>
  );
}
