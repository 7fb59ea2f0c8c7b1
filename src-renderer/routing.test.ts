import { describe, expect, it } from 'vitest';
import { parseRoute } from './routing';

describe('hash routes', () => {
  it.each([
    ['', { page: 'jobs' }],
    ['#/jobs', { page: 'jobs' }],
    ['#/jobs/new', { page: 'job-new' }],
    ['#/jobs/12/edit', { page: 'job-edit', id: 12 }],
    ['#/prompts', { page: 'prompts' }],
    ['#/runs', { page: 'runs' }],
    ['#/runs/7', { page: 'run', id: 7 }],
    ['#/dashboard/', { page: 'dashboard' }],
    ['#/settings', { page: 'settings' }],
    ['#/runs/abc', { page: 'not-found', hash: '#/runs/abc' }],
    ['#/jobs/0/edit', { page: 'not-found', hash: '#/jobs/0/edit' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
});
