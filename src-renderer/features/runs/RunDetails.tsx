import { useTranslation } from 'react-i18next';
import type { Run } from '../../../src-shared/domain';
import { formatCost, formatTokens } from '../../lib/numbers';
import { formatDuration, formatInZone, formatSpan } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { TRIGGER_LABELS } from './RunsTable';
import { RunChainLinks } from '../job-chain/RunChainLinks';

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="dl-item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The facts of a run; the duration ticks while it is running. */
export function RunDetails({ run }: { run: Run }) {
  const { t } = useTranslation();
  const now = useNow(1_000);
  const running = run.status === 'running' && run.startedAt !== null;
  const tokens = run.tokens;
  const lateMs = run.scheduledFor && run.startedAt ? Date.parse(run.startedAt) - Date.parse(run.scheduledFor) : null;
  return (
    <dl className="details-grid">
      <Item term={t('Trigger')}>
        {t(TRIGGER_LABELS[run.trigger])}
        {run.attempt > 1 && ` · ${t('attempt {{n}}', { n: run.attempt })}`}
        {run.retryOf !== null && (
          <>
            {' '}
            {/* "attempt 2 of #5": the context keeps this short English word apart from any other "of". */}
            {t('of', { context: 'retry' })} <a href={`#/runs/${run.retryOf}`}>#{run.retryOf}</a>
          </>
        )}
      </Item>
      <RunChainLinks run={run} />
      <Item term={t('Scheduled')}>{run.scheduledFor ? formatInZone(run.scheduledFor) : '—'}</Item>
      <Item term={t('Started')}>
        {run.startedAt ? formatInZone(run.startedAt) : '—'}
        {lateMs !== null && lateMs > 1_000 && <span className="muted small"> {t('({{span}} after scheduled)', { span: formatSpan(lateMs) })}</span>}
      </Item>
      <Item term={t('Finished')}>{run.finishedAt ? formatInZone(run.finishedAt) : '—'}</Item>
      <Item term={t('Duration')}>{running ? formatSpan(now - Date.parse(run.startedAt ?? '')) : formatDuration(run.durationMs)}</Item>
      <Item term={t('Exit code')}>{run.exitCode ?? '—'}</Item>
      <Item term={t('Cost')}>{formatCost(run.costUsd)}</Item>
      <Item term={t('Tokens')}>
        {t('{{input}} in · {{output}} out', { input: formatTokens(tokens.input), output: formatTokens(tokens.output) })}
        {tokens.cacheRead + tokens.cacheCreation > 0 && (
          <span className="muted small">
            {' '}
            · {t('cache {{read}} read, {{written}} written', { read: formatTokens(tokens.cacheRead), written: formatTokens(tokens.cacheCreation) })}
          </span>
        )}
      </Item>
      <Item term={t('Model')}>{run.model ?? '—'}</Item>
      <Item term={t('Turns')}>{run.numTurns ?? '—'}</Item>
      <Item term={t('Session id')}>{run.sessionId ? <code className="selectable">{run.sessionId}</code> : '—'}</Item>
      {run.deferredUntil && <Item term={t('Deferred until')}>{formatInZone(run.deferredUntil)}</Item>}
    </dl>
  );
}
