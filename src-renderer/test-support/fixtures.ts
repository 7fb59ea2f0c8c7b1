import type { CooldownStatus, Job, Run } from '../../src-shared/domain';

export function makeJob(over: Partial<Job> & { id: number }): Job {
  return {
    name: `Job ${over.id}`,
    kind: 'claude',
    promptId: null,
    prompt: 'Say hello',
    command: null,
    http: null,
    schedule: { type: 'cron', cron: '0 9 * * *', timezone: 'Asia/Taipei' },
    enabled: true,
    priority: 5,
    overlap: 'skip',
    catchUp: 'run_once',
    timeoutSeconds: null,
    retry: { maxRetries: 0, backoff: 'exponential', delaySeconds: 60, maxDelaySeconds: 3600, jitter: 0.1 },
    options: {},
    notify: { onFailure: true, onSuccess: false },
    tags: [],
    nextRunAt: '2026-03-03T01:00:00.000Z',
    lastScheduledAt: null,
    lastRunAt: null,
    lastStatus: null,
    successRate: null,
    after: [],
    afterMode: 'all',
    dependants: [],
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    ...over,
  };
}

export function makeRun(over: Partial<Run> & { id: number }): Run {
  return {
    jobId: 1,
    jobName: 'Job 1',
    jobKind: 'claude',
    status: 'running',
    trigger: 'manual',
    attempt: 1,
    retryOf: null,
    scheduledFor: '2026-03-02T01:00:00.000Z',
    createdAt: '2026-03-02T01:00:00.000Z',
    startedAt: '2026-03-02T01:00:01.000Z',
    finishedAt: null,
    durationMs: null,
    exitCode: null,
    error: null,
    sessionId: null,
    model: null,
    numTurns: null,
    costUsd: null,
    tokens: { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 },
    eventCount: 0,
    eventsTruncated: false,
    deferredUntil: null,
    upstreamRunIds: [],
    downstreamRunIds: [],
    ...over,
  };
}

export const NOT_COOLING: CooldownStatus = {
  cooling: false,
  resetsAt: null,
  source: null,
  message: null,
  since: null,
  deferredRuns: 0,
  warning: null,
};
