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
  const now = useNow(1_000);
  const running = run.status === 'running' && run.startedAt !== null;
  const t = run.tokens;
  const lateMs = run.scheduledFor && run.startedAt ? Date.parse(run.startedAt) - Date.parse(run.scheduledFor) : null;
  return (
    <dl className="details-grid">
      <Item term="Trigger">
        {TRIGGER_LABELS[run.trigger]}
        {run.attempt > 1 && ` · attempt ${run.attempt}`}
        {run.retryOf !== null && (
          <>
            {' '}
            of <a href={`#/runs/${run.retryOf}`}>#{run.retryOf}</a>
          </>
        )}
      </Item>
      <RunChainLinks run={run} />
      <Item term="Scheduled">{run.scheduledFor ? formatInZone(run.scheduledFor) : '—'}</Item>
      <Item term="Started">
        {run.startedAt ? formatInZone(run.startedAt) : '—'}
        {lateMs !== null && lateMs > 1_000 && <span className="muted small"> ({formatSpan(lateMs)} after scheduled)</span>}
      </Item>
      <Item term="Finished">{run.finishedAt ? formatInZone(run.finishedAt) : '—'}</Item>
      <Item term="Duration">{running ? formatSpan(now - Date.parse(run.startedAt ?? '')) : formatDuration(run.durationMs)}</Item>
      <Item term="Exit code">{run.exitCode ?? '—'}</Item>
      <Item term="Cost">{formatCost(run.costUsd)}</Item>
      <Item term="Tokens">
        {formatTokens(t.input)} in · {formatTokens(t.output)} out
        {t.cacheRead + t.cacheCreation > 0 && (
          <span className="muted small">
            {' '}
            · cache {formatTokens(t.cacheRead)} read, {formatTokens(t.cacheCreation)} written
          </span>
        )}
      </Item>
      <Item term="Model">{run.model ?? '—'}</Item>
      <Item term="Turns">{run.numTurns ?? '—'}</Item>
      <Item term="Session id">{run.sessionId ? <code className="selectable">{run.sessionId}</code> : '—'}</Item>
      {run.deferredUntil && <Item term="Deferred until">{formatInZone(run.deferredUntil)}</Item>}
    </dl>
  );
}
