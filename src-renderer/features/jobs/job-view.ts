import type { Job } from '../../../src-shared/domain';
import type { JobSortColumn, JobStatusFilter } from '../../state/jobs-view';

export interface JobFilters {
  search: string;
  tag: string;
  kind: Job['kind'] | 'all';
  status: JobStatusFilter;
}

const FAILING = new Set(['failed', 'timed_out', 'interrupted', 'cancelled']);

function matchesStatus(job: Job, status: JobStatusFilter): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'enabled':
      return job.enabled;
    case 'paused':
      return !job.enabled;
    case 'failing':
      return job.lastStatus !== null && FAILING.has(job.lastStatus);
    case 'succeeded':
      return job.lastStatus === 'succeeded';
    case 'running':
      return job.lastStatus === 'running' || job.lastStatus === 'queued';
    case 'never':
      return job.lastStatus === null;
  }
}

export function filterJobs(jobs: readonly Job[], f: JobFilters): Job[] {
  const needle = f.search.trim().toLowerCase();
  return jobs.filter(
    (job) =>
      (f.kind === 'all' || job.kind === f.kind) &&
      (f.tag === '' || job.tags.includes(f.tag)) &&
      matchesStatus(job, f.status) &&
      (needle === '' || job.name.toLowerCase().includes(needle) || job.tags.some((t) => t.toLowerCase().includes(needle))),
  );
}

/** Missing values (never run, no next run) sort last whichever the direction. */
type Key = string | number | null;

function sortKey(job: Job, column: JobSortColumn): Key {
  switch (column) {
    case 'name':
      return job.name.toLowerCase();
    case 'kind':
      return job.kind;
    case 'schedule':
      return job.schedule.type;
    case 'nextRun':
      return job.nextRunAt;
    case 'lastRun':
      return job.lastRunAt;
    case 'successRate':
      return job.successRate;
    case 'enabled':
      return job.enabled ? 0 : 1;
  }
}

export function sortJobs(jobs: Job[], column: JobSortColumn, descending: boolean): Job[] {
  const dir = descending ? -1 : 1;
  return jobs
    .map((job) => ({ job, key: sortKey(job, column) }))
    .sort((a, b) => {
      if (a.key === b.key) return a.job.id - b.job.id;
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      return (a.key < b.key ? -1 : 1) * dir;
    })
    .map((x) => x.job);
}

export function allTags(jobs: readonly Job[]): string[] {
  const tags = new Set<string>();
  for (const job of jobs) for (const t of job.tags) tags.add(t);
  return [...tags].sort();
}
