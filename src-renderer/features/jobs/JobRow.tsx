import type { Job, JobKind } from '../../../src-shared/domain';
import { StatusBadge } from '../../components/StatusBadge';
import { Switch } from '../../components/Switch';
import { formatPercent } from '../../lib/numbers';
import { describeJobSchedule } from '../../lib/schedule-words';
import { formatInZone, formatRelative } from '../../lib/time';
import { href, navigate } from '../../routing';

export const KIND_SHORT: Record<JobKind, string> = { claude: 'Claude', shell: 'Shell', http: 'HTTP' };

interface JobRowProps {
  job: Job;
  now: number;
  busy: boolean;
  onRunNow: (job: Job) => void;
  onSetEnabled: (job: Job, enabled: boolean) => void;
  onDelete: (job: Job) => void;
}

export function JobRow({ job, now, busy, onRunNow, onSetEnabled, onDelete }: JobRowProps) {
  const zone = job.schedule.timezone;
  return (
    <tr className={job.enabled ? undefined : 'row-paused'}>
      <td className="cell-name">
        <a href={href.job(job.id)} className="job-name">
          {job.name}
        </a>
        {job.tags.length > 0 && (
          <span className="tags">
            {job.tags.map((t) => (
              <span key={t} className="tag">
                {t}
              </span>
            ))}
          </span>
        )}
      </td>
      <td>
        <span className={`kind kind-${job.kind}`}>{KIND_SHORT[job.kind]}</span>
      </td>
      <td className="cell-schedule" title={`${job.schedule.cron ?? ''} (${zone})`.trim()}>
        {describeJobSchedule(job.schedule)}
      </td>
      <td className="cell-next">
        {job.nextRunAt && job.enabled ? (
          <>
            <span>{formatRelative(job.nextRunAt, now)}</span>
            <span className="muted small">
              <time dateTime={job.nextRunAt}>{formatInZone(job.nextRunAt, zone)}</time> {zone}
            </span>
          </>
        ) : (
          <span className="muted">{job.enabled ? '—' : 'Paused'}</span>
        )}
      </td>
      <td>
        <StatusBadge status={job.lastStatus} />
        {job.lastRunAt && <span className="muted small">{formatRelative(job.lastRunAt, now)}</span>}
      </td>
      <td className="cell-num">{formatPercent(job.successRate)}</td>
      <td>
        <Switch label="Enabled" checked={job.enabled} disabled={busy} onChange={(on) => onSetEnabled(job, on)} />
      </td>
      <td className="cell-actions">
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => onRunNow(job)}>
          Run now
        </button>
        <button type="button" className="btn btn-small" onClick={() => navigate(href.editJob(job.id))}>
          Edit
        </button>
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => onSetEnabled(job, !job.enabled)}>
          {job.enabled ? 'Pause' : 'Resume'}
        </button>
        <button type="button" className="btn btn-small btn-danger-quiet" onClick={() => onDelete(job)}>
          Delete
        </button>
      </td>
    </tr>
  );
}
