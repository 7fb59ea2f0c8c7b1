import { describe, expect, it } from 'vitest';
import { parseRoute } from './routing';

describe('hash routes', () => {
  it.each([
    ['', { page: 'jobs' }],
    ['#/jobs', { page: 'jobs' }],
    ['#/jobs/new', { page: 'job-new', prefill: null }],
    ['#/jobs/new?fromRun=12', { page: 'job-new', prefill: { fromRun: 12 } }],
    ['#/jobs/7', { page: 'job', id: 7 }],
    ['#/since', { page: 'since' }],
    ['#/jobs/12/edit', { page: 'job-edit', id: 12 }],
    ['#/prompts', { page: 'prompts' }],
    ['#/runs', { page: 'runs', filter: {} }],
    ['#/runs?status=failed&day=2026-12-01', { page: 'runs', filter: { status: 'failed', day: '2026-12-01' } }],
    ['#/runs/7', { page: 'run', id: 7 }],
    ['#/dashboard/', { page: 'dashboard' }],
    ['#/settings', { page: 'settings' }],
    ['#/runs/abc', { page: 'not-found', hash: '#/runs/abc' }],
    ['#/jobs/0/edit', { page: 'not-found', hash: '#/jobs/0/edit' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
});
