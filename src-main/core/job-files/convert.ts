import type { ExecutionOptions, Job, JobKind, RetryPolicy } from '../../../src-shared/domain';
import type { JobCreate } from '../../../src-shared/schemas';
import { DEFAULT_NOTIFY, DEFAULT_RETRY } from '../db/jobs-repo';
import { durationToSeconds, formatDuration } from './durations';
import type { JobEntry } from './file-schema';

/** A problem in one entry, at a path inside the entry (file names: `schedule.expression`). */
export class EntryProblem extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

const seconds = (value: number | string, path: (string | number)[]): number => {
  const s = durationToSeconds(value);
  if (s === null) throw new EntryProblem(path, `"${value}" is not a duration (use e.g. 90s, 15m, 1h30m)`);
  return s;
};

function kindOf(e: JobEntry): JobKind {
  const given: [JobKind, string][] = [];
  if (e.prompt !== undefined) given.push(['claude', 'prompt']);
  if (e.prompt_id !== undefined) given.push(['claude', 'prompt_id']);
  if (e.prompt_ref !== undefined) given.push(['claude', 'prompt_ref']);
  if (e.command !== undefined) given.push(['shell', 'command']);
  if (e.http !== undefined) given.push(['http', 'http']);
  if (given.length === 0) throw new EntryProblem(['name'], 'the job has nothing to do: give prompt, prompt_id, prompt_ref, command or http');
  if (given.length > 1) throw new EntryProblem([given[1]![1]], `give one kind of work, not both ${given[0]![1]} and ${given[1]![1]}`);
  const [kind, field] = given[0]!;
  if (e.kind !== undefined && e.kind !== kind) throw new EntryProblem(['kind'], `kind is ${e.kind} but the job has ${field}, which is a ${kind} job`);
  return kind;
}

function executionOf(x: NonNullable<JobEntry['execution']>): ExecutionOptions {
  const o: ExecutionOptions = {};
  if (x.working_directory !== undefined) o.cwd = x.working_directory;
  if (x.environment !== undefined) o.env = x.environment;
  if (x.model !== undefined) o.model = x.model;
  if (x.fallback_model !== undefined) o.fallbackModel = x.fallback_model;
  if (x.fallback_on_limit !== undefined) o.fallbackOnLimit = x.fallback_on_limit;
  if (x.max_turns !== undefined) o.maxTurns = x.max_turns;
  if (x.max_budget_usd !== undefined) o.maxBudgetUsd = x.max_budget_usd;
  if (x.permission_mode !== undefined) o.permissionMode = x.permission_mode;
  if (x.allowed_tools !== undefined) o.allowedTools = x.allowed_tools;
  if (x.disallowed_tools !== undefined) o.disallowedTools = x.disallowed_tools;
  if (x.append_system_prompt !== undefined) o.appendSystemPrompt = x.append_system_prompt;
  if (x.add_dirs !== undefined) o.addDirs = x.add_dirs;
  if (x.mcp_config !== undefined) o.mcpConfig = x.mcp_config;
  if (x.resume_session_id !== undefined) o.resumeSessionId = x.resume_session_id;
  if (x.continue_session !== undefined) o.continueSession = x.continue_session;
  if (x.dangerously_skip_permissions !== undefined) o.dangerouslySkipPermissions = x.dangerously_skip_permissions;
  if (x.worktree !== undefined) {
    o.worktree = { enabled: x.worktree.enabled ?? false, keep: x.worktree.keep ?? 'on_failure' };
    if (x.worktree.base_ref !== undefined) o.worktree.baseRef = x.worktree.base_ref;
  }
  return o;
}

function retryOf(r: JobEntry['retry']): RetryPolicy {
  const retry: RetryPolicy = { ...DEFAULT_RETRY };
  if (!r) return retry;
  if (r.max_attempts !== undefined) retry.maxRetries = r.max_attempts - 1;
  if (r.strategy !== undefined) retry.backoff = r.strategy;
  if (r.initial_interval !== undefined) retry.delaySeconds = seconds(r.initial_interval, ['retry', 'initial_interval']);
  if (r.max_interval !== undefined) retry.maxDelaySeconds = seconds(r.max_interval, ['retry', 'max_interval']);
  if (r.multiplier !== undefined) retry.multiplier = r.multiplier;
  if (r.jitter !== undefined) retry.jitter = r.jitter;
  if (r.delays !== undefined) {
    retry.delaysSeconds = r.delays.map((d, i) => seconds(d, ['retry', 'delays', i]));
    // A list of waits on its own means a ladder; with another strategy it would be ignored.
    if (r.strategy === undefined) retry.backoff = 'ladder';
  }
  return retry;
}

/**
 * A file entry as the contract's full job input: every field set, defaults included, so importing
 * over an existing job replaces it with exactly what the file says. `promptId` resolves prompt_ref.
 */
export function entryToInput(e: JobEntry, promptIdFor: (ref: string) => number | null): JobCreate {
  const kind = kindOf(e);
  const schedule: JobCreate['schedule'] = { type: e.schedule.type };
  if (e.schedule.timezone !== undefined) schedule.timezone = e.schedule.timezone;
  if (e.schedule.expression !== undefined) schedule.cron = e.schedule.expression;
  if (e.schedule.every !== undefined) schedule.everySeconds = seconds(e.schedule.every, ['schedule', 'every']);
  if (e.schedule.at !== undefined) {
    const at = e.schedule.at;
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(at) || Number.isNaN(Date.parse(at))) {
      throw new EntryProblem(['schedule', 'at'], `"${at}" is not an ISO-8601 date-time with Z or an offset, e.g. 2026-12-01T01:00:00Z`);
    }
    schedule.at = new Date(Date.parse(at)).toISOString();
  }
  for (const [field, type] of [
    ['expression', 'cron'],
    ['every', 'interval'],
    ['at', 'once'],
  ] as const) {
    if (e.schedule[field] !== undefined && e.schedule.type !== type) {
      throw new EntryProblem(['schedule', field], `${field} belongs to a schedule of type ${type}, not ${e.schedule.type}`);
    }
  }
  let promptId: number | null = null;
  if (e.prompt_id !== undefined) promptId = e.prompt_id;
  if (e.prompt_ref !== undefined) {
    promptId = promptIdFor(e.prompt_ref);
    if (promptId === null) throw new EntryProblem(['prompt_ref'], `no prompt titled "${e.prompt_ref}" in this file's prompts list`);
  }
  const x = e.execution ?? {};
  return {
    name: e.name,
    kind,
    promptId,
    prompt: e.prompt ?? null,
    command: e.command ?? null,
    http: e.http
      ? {
          url: e.http.url,
          method: e.http.method ?? 'GET',
          headers: e.http.headers ?? {},
          ...(e.http.body !== undefined ? { body: e.http.body } : {}),
          expectStatus: e.http.expect_status ?? [],
        }
      : null,
    schedule,
    enabled: e.enabled ?? true,
    priority: e.priority ?? 5,
    overlap: e.overlap ?? 'skip',
    catchUp: e.catch_up ?? 'run_once',
    timeoutSeconds: x.timeout_seconds === undefined ? null : seconds(x.timeout_seconds, ['execution', 'timeout_seconds']),
    retry: retryOf(e.retry),
    options: executionOf(x),
    notify: {
      onFailure: e.notifications?.on_failure ?? DEFAULT_NOTIFY.onFailure,
      onSuccess: e.notifications?.on_success ?? DEFAULT_NOTIFY.onSuccess,
      ...(e.notifications?.webhook_url !== undefined ? { webhookUrl: e.notifications.webhook_url } : {}),
      ...(e.notifications?.on_alert !== undefined ? { onAlert: e.notifications.on_alert } : {}),
      ...(e.notifications?.channels !== undefined ? { channels: e.notifications.channels } : {}),
      ...(e.notifications?.failure_threshold !== undefined ? { failureThreshold: e.notifications.failure_threshold } : {}),
    },
    tags: e.tags ?? [],
  };
}

const dur = (s: number) => formatDuration(s);

/** Options as the file writes them: only those set, in a fixed order. */
function executionEntry(job: Pick<Job, 'options' | 'timeoutSeconds'>): JobEntry['execution'] {
  const o = job.options;
  const x: NonNullable<JobEntry['execution']> = {};
  if (job.timeoutSeconds !== null) x.timeout_seconds = dur(job.timeoutSeconds);
  if (o.cwd !== undefined) x.working_directory = o.cwd;
  if (o.env !== undefined) x.environment = o.env;
  if (o.model !== undefined) x.model = o.model;
  if (o.fallbackModel !== undefined) x.fallback_model = o.fallbackModel;
  if (o.fallbackOnLimit !== undefined) x.fallback_on_limit = o.fallbackOnLimit;
  if (o.maxTurns !== undefined) x.max_turns = o.maxTurns;
  if (o.maxBudgetUsd !== undefined) x.max_budget_usd = o.maxBudgetUsd;
  if (o.permissionMode !== undefined) x.permission_mode = o.permissionMode;
  if (o.allowedTools !== undefined) x.allowed_tools = o.allowedTools;
  if (o.disallowedTools !== undefined) x.disallowed_tools = o.disallowedTools;
  if (o.appendSystemPrompt !== undefined) x.append_system_prompt = o.appendSystemPrompt;
  if (o.addDirs !== undefined) x.add_dirs = o.addDirs;
  if (o.mcpConfig !== undefined) x.mcp_config = o.mcpConfig;
  if (o.resumeSessionId !== undefined) x.resume_session_id = o.resumeSessionId;
  if (o.continueSession !== undefined) x.continue_session = o.continueSession;
  if (o.dangerouslySkipPermissions !== undefined) x.dangerously_skip_permissions = o.dangerouslySkipPermissions;
  if (o.worktree !== undefined) {
    x.worktree = { enabled: o.worktree.enabled, keep: o.worktree.keep, ...(o.worktree.baseRef !== undefined ? { base_ref: o.worktree.baseRef } : {}) };
  }
  return Object.keys(x).length ? x : undefined;
}

function retryEntry(r: RetryPolicy): NonNullable<JobEntry['retry']> {
  // Everything the policy holds is written, so an import gives back exactly this policy.
  const entry: NonNullable<JobEntry['retry']> = {
    max_attempts: r.maxRetries + 1,
    strategy: r.backoff,
    initial_interval: dur(r.delaySeconds),
    max_interval: dur(r.maxDelaySeconds),
  };
  if (r.multiplier !== undefined) entry.multiplier = r.multiplier;
  if (r.delaysSeconds !== undefined) entry.delays = r.delaysSeconds.map(dur);
  entry.jitter = r.jitter;
  return entry;
}

export type ExportableJob = Pick<
  Job,
  'name' | 'kind' | 'prompt' | 'command' | 'http' | 'schedule' | 'enabled' | 'priority' | 'overlap' | 'catchUp' | 'timeoutSeconds' | 'retry' | 'options' | 'notify' | 'tags'
> &
  Partial<Pick<Job, 'after' | 'afterMode'>>;

/**
 * A job as the file writes it. `promptRef` is the title its saved prompt has in the file's prompts
 * list. The order of keys is fixed so two exports of the same jobs are byte for byte the same.
 */
export function jobToEntry(job: ExportableJob, promptRef: string | null): JobEntry {
  const entry: JobEntry = { name: job.name, kind: job.kind } as JobEntry;
  if (job.kind === 'claude') {
    if (promptRef !== null) entry.prompt_ref = promptRef;
    else if (job.prompt !== null) entry.prompt = job.prompt;
  }
  if (job.kind === 'shell' && job.command !== null) entry.command = job.command;
  if (job.kind === 'http' && job.http) {
    entry.http = { url: job.http.url, method: job.http.method };
    if (Object.keys(job.http.headers).length) entry.http.headers = job.http.headers;
    if (job.http.body !== undefined) entry.http.body = job.http.body;
    if (job.http.expectStatus.length) entry.http.expect_status = job.http.expectStatus;
  }
  const s = job.schedule;
  entry.schedule = { type: s.type };
  if (s.cron !== undefined) entry.schedule.expression = s.cron;
  if (s.everySeconds !== undefined) entry.schedule.every = dur(s.everySeconds);
  if (s.at !== undefined) entry.schedule.at = s.at;
  entry.schedule.timezone = s.timezone;
  entry.enabled = job.enabled;
  entry.priority = job.priority;
  entry.overlap = job.overlap;
  entry.catch_up = job.catchUp;
  const execution = executionEntry(job);
  if (execution) entry.execution = execution;
  entry.retry = retryEntry(job.retry);
  entry.notifications = {
    on_failure: job.notify.onFailure,
    on_success: job.notify.onSuccess,
    ...(job.notify.webhookUrl !== undefined ? { webhook_url: job.notify.webhookUrl } : {}),
    ...(job.notify.onAlert !== undefined ? { on_alert: job.notify.onAlert } : {}),
    ...(job.notify.channels !== undefined ? { channels: job.notify.channels } : {}),
    ...(job.notify.failureThreshold !== undefined ? { failure_threshold: job.notify.failureThreshold } : {}),
  };
  if (job.tags.length) entry.tags = job.tags;
  if (job.after?.length) {
    // By name, not by id: ids differ between databases and the export must not.
    entry.after = [...job.after].sort((a, b) => a.jobName.localeCompare(b.jobName)).map((l) => ({ job: l.jobName, condition: l.condition }));
    entry.after_mode = job.afterMode;
  }
  return entry;
}
