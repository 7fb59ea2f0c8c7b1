import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'jobs' }
  | { page: 'job-new' }
  | { page: 'job-edit'; id: number }
  | { page: 'prompts' }
  | { page: 'runs' }
  | { page: 'run'; id: number }
  | { page: 'dashboard' }
  | { page: 'settings' }
  | { page: 'not-found'; hash: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/jobs';
  const parts = path.split('/').filter(Boolean);
  const id = Number(parts[1]);
  const validId = Number.isInteger(id) && id > 0;
  switch (parts[0]) {
    case 'jobs':
      if (parts.length === 1) return { page: 'jobs' };
      if (parts.length === 2 && parts[1] === 'new') return { page: 'job-new' };
      if (parts.length === 3 && parts[2] === 'edit' && validId) return { page: 'job-edit', id };
      break;
    case 'runs':
      if (parts.length === 1) return { page: 'runs' };
      if (parts.length === 2 && validId) return { page: 'run', id };
      break;
    case 'prompts':
    case 'dashboard':
    case 'settings':
      if (parts.length === 1) return { page: parts[0] };
      break;
  }
  return { page: 'not-found', hash };
}

export const href = {
  jobs: () => '#/jobs',
  newJob: () => '#/jobs/new',
  editJob: (id: number) => `#/jobs/${id}/edit`,
  prompts: () => '#/prompts',
  runs: () => '#/runs',
  run: (id: number) => `#/runs/${id}`,
  dashboard: () => '#/dashboard',
  settings: () => '#/settings',
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
