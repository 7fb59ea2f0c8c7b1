import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CooldownStatus, Job, JobKind, RunStatus } from '../../../src-shared/domain';
import { RowMenu } from '../../components/RowMenu';
import { StatusBadge } from '../../components/StatusBadge';
import { Switch } from '../../components/Switch';
import { formatPercent } from '../../lib/numbers';
import { describeJobSchedule } from '../../lib/schedule-words';
import { formatInZone, formatRelative } from '../../lib/time';
import { href, navigate } from '../../routing';
import type { JobStatusFilter } from '../../state/jobs-view';
import { RunNowControl } from './RunNowButton';

export const KIND_SHORT: Record<JobKind, string> = { claude: 'Claude', shell: 'Shell', http: 'HTTP' };

/** The status filter a last-run badge stands for, so clicking it shows the jobs in the same state. */
export function statusFilterOf(status: RunStatus | null): JobStatusFilter {
  if (status === null) return 'never';
  if (status === 'succeeded') return 'succeeded';
  if (status === 'running' || status === 'queued') return 'running';
  return 'failing';
}

export interface JobRowActions {
  busy: (job: Job) => boolean;
  onRunNow: (job: Job) => void;
  onSetEnabled: (job: Job, enabled: boolean) => void;
  onDelete: (job: Job) => void;
  onTag: (tag: string) => void;
  onStatus: (status: JobStatusFilter) => void;
  onSelect: (job: Job, selected: boolean) => void;
}

interface JobRowProps extends JobRowActions {
  job: Job;
  now: number;
  selected: boolean;
  /** Read once by the table: whether a Claude job's run would only be deferred. */
  cooldown: CooldownStatus | undefined;
  index: number;
  /** The virtualiser's measuring ref: rows grow when a name or schedule wraps. */
  measureRef: (el: HTMLTableRowElement | null) => void;
}

export const JobRow = memo(function JobRow({ job, now, selected, cooldown, index, measureRef, busy, onRunNow, onSetEnabled, onDelete, onTag, onStatus, onSelect }: JobRowProps) {
  const { t } = useTranslation();
  const zone = job.schedule.timezone;
  const isBusy = busy(job);
  return (
    <tr ref={measureRef} data-index={index} className={`${job.enabled ? '' : 'row-paused'}${selected ? ' row-selected' : ''}`}>
      <td className="cell-select">
        <input type="checkbox" checked={selected} aria-label={t('Select {{name}}', { name: job.name })} onChange={(e) => onSelect(job, e.target.checked)} />
      </td>
      <td className="cell-name">
        <a href={href.job(job.id)} className="job-name">
          {job.name}
        </a>
        <span className="tags">
          <span className={`kind kind-${job.kind}`}>{KIND_SHORT[job.kind]}</span>
          {job.tags.map((tag) => (
            <button key={tag} type="button" className="tag tag-button" onClick={() => onTag(tag)} aria-label={t('Show jobs tagged {{tag}}', { tag })}>
              {tag}
            </button>
          ))}
        </span>
      </td>
      <td className="cell-schedule" title={`${job.schedule.cron ?? ''} (${zone})`.trim()}>
        {describeJobSchedule(job.schedule)}
      </td>
      <td className="cell-next">
        {job.nextRunAt && job.enabled ? (
          <>
            <span>{formatRelative(job.nextRunAt, now)}</span>
            <span className="muted small">
              <time dateTime={job.nextRunAt}>{formatInZone(job.nextRunAt, zone)}</time>
            </span>
          </>
        ) : (
          <span className="muted">{job.enabled ? '—' : t('Paused')}</span>
        )}
      </td>
      <td className="cell-last">
        <button type="button" className="badge-button" onClick={() => onStatus(statusFilterOf(job.lastStatus))} aria-label={t('Show jobs whose last run is {{status}}', { status: job.lastStatus ? t(job.lastStatus) : t('never run') })}>
          <StatusBadge status={job.lastStatus} />
        </button>
        {job.lastRunAt && <span className="muted small">{formatRelative(job.lastRunAt, now)}</span>}
      </td>
      <td className="cell-num cell-rate">{formatPercent(job.successRate)}</td>
      <td className="cell-enabled">
        <Switch label={t('Enabled: {{name}}', { name: job.name })} checked={job.enabled} disabled={isBusy} onChange={(on) => onSetEnabled(job, on)} />
      </td>
      <td className="cell-actions">
        <RunNowControl job={job} busy={isBusy} onRunNow={onRunNow} className="btn btn-small" cooldown={cooldown} />
        <RowMenu
          label={t('More actions for {{name}}', { name: job.name })}
          items={[
            { label: t('Open'), onSelect: () => navigate(href.job(job.id)) },
            { label: t('Edit'), onSelect: () => navigate(href.editJob(job.id)) },
            { label: job.enabled ? t('Pause') : t('Resume'), onSelect: () => onSetEnabled(job, !job.enabled), disabled: isBusy },
            { label: t('Runs'), onSelect: () => navigate(href.runs({ jobId: job.id })) },
            { label: t('Delete'), onSelect: () => onDelete(job), danger: true },
          ]}
        />
      </td>
    </tr>
  );
});
