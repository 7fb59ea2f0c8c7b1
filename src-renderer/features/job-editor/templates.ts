import type { JobDraft } from './job-draft';

/** Common nightly jobs, each a draft patch: pick one, set the folder, save. */
export interface JobTemplate {
  id: string;
  title: string;
  description: string;
  patch: Partial<JobDraft>;
}

export const JOB_TEMPLATES: readonly JobTemplate[] = [
  {
    id: 'nightly-review',
    title: 'Nightly code review',
    description: 'Claude reviews the day’s commits at 02:00 and lists risks.',
    patch: {
      name: 'nightly-review',
      kind: 'claude',
      prompt: 'Review the commits of the last 24 hours in this repository. List bugs, risky changes and missing tests, most important first.',
      scheduleType: 'cron',
      cron: '0 2 * * *',
      timeout: '30m',
      tags: 'nightly, review',
    },
  },
  {
    id: 'dependency-audit',
    title: 'Weekly dependency audit',
    description: 'Claude checks outdated and vulnerable dependencies every Monday at 03:00.',
    patch: {
      name: 'dependency-audit',
      kind: 'claude',
      prompt: 'Check this project’s dependencies for known vulnerabilities and major updates. Summarise what to upgrade and why, in a table.',
      scheduleType: 'cron',
      cron: '0 3 * * 1',
      timeout: '30m',
      tags: 'weekly, deps',
    },
  },
  {
    id: 'test-suite',
    title: 'Nightly test run',
    description: 'Runs the test suite every night at 01:30 and keeps the log.',
    patch: { name: 'nightly-tests', kind: 'shell', command: 'npm test', scheduleType: 'cron', cron: '30 1 * * *', timeout: '1h', tags: 'nightly, tests' },
  },
  {
    id: 'health-check',
    title: 'Health check every 15 minutes',
    description: 'Calls a URL and fails when it does not answer 200.',
    patch: { name: 'health-check', kind: 'http', url: 'https://example.com/healthz', method: 'GET', expectStatus: '200', scheduleType: 'interval', interval: '15m', tags: 'monitoring' },
  },
];
