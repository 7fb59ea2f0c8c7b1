import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'jobs' }
  | { page: 'since' }
  | { page: 'job'; id: number }
  | { page: 'job-new'; prefill: JobPrefill }
  | { page: 'job-edit'; id: number }
  | { page: 'prompts' }
  | { page: 'runs'; filter: RunsFilter }
  | { page: 'run'; id: number }
  | { page: 'dashboard' }
  | { page: 'settings' }
  | { page: 'alerts' }
  | { page: 'audit' }
  | { page: 'notifications' }
  | { page: 'files' }
  | { page: 'not-found'; hash: string };

/** Where a new job's draft comes from: "Schedule this" on a run or a prompt, or a template. */
export type JobPrefill = { fromRun: number } | { fromPrompt: number } | { template: string } | null;

function prefillOf(query: URLSearchParams): JobPrefill {
  const run = Number(query.get('fromRun'));
  if (Number.isInteger(run) && run > 0) return { fromRun: run };
  const prompt = Number(query.get('fromPrompt'));
  if (Number.isInteger(prompt) && prompt > 0) return { fromPrompt: prompt };
  const template = query.get('template');
  return template ? { template } : null;
}

/** Runs filtered from elsewhere: a dashboard bar (a day and a status), a job page. */
export interface RunsFilter {
  jobId?: number;
  status?: string;
  day?: string;
}

function runsFilterOf(query: URLSearchParams): RunsFilter {
  const jobId = Number(query.get('jobId'));
  const status = query.get('status');
  const day = query.get('day');
  return {
    ...(Number.isInteger(jobId) && jobId > 0 ? { jobId } : {}),
    ...(status ? { status } : {}),
    ...(day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? { day } : {}),
  };
}

export function parseRoute(hash: string): Route {
  const [rawPath = '', rawQuery = ''] = hash.replace(/^#/, '').split('?');
  const path = rawPath.replace(/\/+$/, '') || '/jobs';
  const query = new URLSearchParams(rawQuery);
  const parts = path.split('/').filter(Boolean);
  const id = Number(parts[1]);
  const validId = Number.isInteger(id) && id > 0;
  switch (parts[0]) {
    case 'jobs':
      if (parts.length === 1) return { page: 'jobs' };
      if (parts.length === 2 && parts[1] === 'new') return { page: 'job-new', prefill: prefillOf(query) };
      if (parts.length === 2 && validId) return { page: 'job', id };
      if (parts.length === 3 && parts[2] === 'edit' && validId) return { page: 'job-edit', id };
      break;
    case 'runs':
      if (parts.length === 1) return { page: 'runs', filter: runsFilterOf(query) };
      if (parts.length === 2 && validId) return { page: 'run', id };
      break;
    case 'since':
    case 'prompts':
    case 'dashboard':
    case 'settings':
    case 'alerts':
    case 'audit':
    case 'notifications':
    case 'files':
      if (parts.length === 1) return { page: parts[0] };
      break;
  }
  return { page: 'not-found', hash };
}

export const href = {
  jobs: () => '#/jobs',
  since: () => '#/since',
  job: (id: number) => `#/jobs/${id}`,
  newJob: (prefill: JobPrefill = null) => {
    if (!prefill) return '#/jobs/new';
    const q = 'fromRun' in prefill ? `fromRun=${prefill.fromRun}` : 'fromPrompt' in prefill ? `fromPrompt=${prefill.fromPrompt}` : `template=${encodeURIComponent(prefill.template)}`;
    return `#/jobs/new?${q}`;
  },
  editJob: (id: number) => `#/jobs/${id}/edit`,
  prompts: () => '#/prompts',
  runs: (filter: { jobId?: number; status?: string; day?: string } = {}) => {
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
    return q ? `#/runs?${q}` : '#/runs';
  },
  run: (id: number) => `#/runs/${id}`,
  dashboard: () => '#/dashboard',
  settings: () => '#/settings',
  alerts: () => '#/alerts',
  audit: () => '#/audit',
  notifications: () => '#/notifications',
  files: () => '#/files',
};

export function navigate(to: string): void {
  window.location.hash = to;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
