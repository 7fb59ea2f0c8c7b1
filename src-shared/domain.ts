/**
 * The domain as every side sees it: plain JSON, times as ISO-8601 UTC strings, camelCase fields.
 * These are the shapes of CLI.md's JSON output and of the contract's results.
 */
export const JOB_KINDS = ['claude', 'shell', 'http'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const SCHEDULE_TYPES = ['cron', 'interval', 'once', 'manual'] as const;
export type ScheduleType = (typeof SCHEDULE_TYPES)[number];

export const OVERLAP_POLICIES = ['skip', 'queue_one', 'allow'] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];

export const CATCH_UP_POLICIES = ['skip', 'run_once', 'run_all'] as const;
export type CatchUpPolicy = (typeof CATCH_UP_POLICIES)[number];

/** `ladder`: an explicit list of waits (e.g. 30s, 60s, 5m, 15m, 1h), the last one repeating. */
export const BACKOFF_KINDS = ['fixed', 'linear', 'exponential', 'ladder'] as const;
export type BackoffKind = (typeof BACKOFF_KINDS)[number];

export const PERMISSION_MODES = ['default', 'acceptEdits', 'auto', 'bypassPermissions', 'manual', 'dontAsk', 'plan'] as const;
export type PermissionMode = (typeof PERMISSION_MODES)[number];

export const RUN_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'timed_out',
  'cancelled',
  'interrupted',
  'deferred_cooldown',
  'skipped',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'timed_out', 'cancelled', 'interrupted', 'skipped'];

export const RUN_TRIGGERS = ['schedule', 'manual', 'retry', 'catch_up', 'cli', 'chain'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** When an upstream's final run releases its downstream: it succeeded, it did not, or either way. */
export const CHAIN_CONDITIONS = ['success', 'failure', 'always'] as const;
export type ChainCondition = (typeof CHAIN_CONDITIONS)[number];
/** With several upstreams: wait for all of them (one cycle each), or go after any one. */
export const AFTER_MODES = ['all', 'any'] as const;
export type AfterMode = (typeof AFTER_MODES)[number];

/** One edge of the job graph, seen from the job on either end. */
export interface JobLink {
  jobId: number;
  jobName: string;
  condition: ChainCondition;
}

export const RUN_EVENT_KINDS = ['stdout', 'stderr', 'assistant', 'tool_use', 'tool_result', 'system', 'result'] as const;
export type RunEventKind = (typeof RUN_EVENT_KINDS)[number];

export interface Prompt {
  id: number;
  title: string;
  body: string;
  tags: string[];
  usedByJobs: number;
  createdAt: string;
  updatedAt: string;
}

export interface JobSchedule {
  type: ScheduleType;
  cron?: string;
  everySeconds?: number;
  at?: string;
  timezone: string;
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface HttpRequestSpec {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
  /** Status codes that count as success; empty means any 2xx. */
  expectStatus: number[];
}

export interface WorktreeOptions {
  enabled: boolean;
  /** What to do with the worktree after the run. */
  keep: 'always' | 'on_failure' | 'never';
  baseRef?: string;
}

export interface ExecutionOptions {
  cwd?: string;
  env?: Record<string, string>;
  model?: string;
  fallbackModel?: string;
  /** While a weekly limit of the job's model family holds, run on `fallbackModel` instead of waiting. */
  fallbackOnLimit?: boolean;
  maxTurns?: number;
  maxBudgetUsd?: number;
  permissionMode?: PermissionMode;
  allowedTools?: string[];
  disallowedTools?: string[];
  appendSystemPrompt?: string;
  addDirs?: string[];
  mcpConfig?: string;
  resumeSessionId?: string;
  continueSession?: boolean;
  dangerouslySkipPermissions?: boolean;
  worktree?: WorktreeOptions;
}

export interface RetryPolicy {
  /** Retries after the first attempt (0 = never retry). */
  maxRetries: number;
  backoff: BackoffKind;
  delaySeconds: number;
  maxDelaySeconds: number;
  /** 0..1: the fraction of each delay that is randomised. */
  jitter: number;
  /** Exponential growth factor per retry (default 2). */
  multiplier?: number;
  /** The `ladder` backoff's waits in seconds, one per retry; the last repeats. Not capped by maxDelaySeconds. */
  delaysSeconds?: number[];
}

export interface NotifyRules {
  onFailure: boolean;
  onSuccess: boolean;
  /** The job's own webhook for finished runs (the first, per-run notifier; kept as it was). */
  webhookUrl?: string;
  /** Whether this job's alerts are delivered (default true). */
  onAlert?: boolean;
  /** Which notification channels get this job's events; absent means every enabled channel. */
  channels?: number[];
  /** Failures in a row that open an alert; absent means the global setting. */
  failureThreshold?: number;
}

export interface Job {
  id: number;
  name: string;
  kind: JobKind;
  promptId: number | null;
  prompt: string | null;
  command: string | null;
  http: HttpRequestSpec | null;
  schedule: JobSchedule;
  enabled: boolean;
  priority: number;
  overlap: OverlapPolicy;
  catchUp: CatchUpPolicy;
  timeoutSeconds: number | null;
  retry: RetryPolicy;
  options: ExecutionOptions;
  notify: NotifyRules;
  tags: string[];
  nextRunAt: string | null;
  lastScheduledAt: string | null;
  lastRunAt: string | null;
  lastStatus: RunStatus | null;
  successRate: number | null;
  /** The jobs this one runs after (empty: it runs only on its schedule or by hand). */
  after: JobLink[];
  afterMode: AfterMode;
  /** The jobs that run after this one. */
  dependants: JobLink[];
  createdAt: string;
  updatedAt: string;
}

export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
}

export interface Run {
  id: number;
  jobId: number;
  jobName: string;
  jobKind: JobKind;
  status: RunStatus;
  trigger: RunTrigger;
  attempt: number;
  retryOf: number | null;
  scheduledFor: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  exitCode: number | null;
  error: string | null;
  sessionId: string | null;
  model: string | null;
  numTurns: number | null;
  costUsd: number | null;
  tokens: TokenCounts;
  eventCount: number;
  eventsTruncated: boolean;
  /** The size of the run's full log file (everything it printed, secrets masked); null when none was kept. */
  rawLogBytes: number | null;
  /** The full log holds every line the run printed: false while it is written, or when its cap cut it. */
  rawLogComplete: boolean;
  deferredUntil: string | null;
  /** For a `chain` run: the upstream runs whose final state released it. */
  upstreamRunIds: number[];
  /** The chain runs this run released (queued, run or recorded skipped). */
  downstreamRunIds: number[];
}

export interface RunEvent {
  runId: number;
  seq: number;
  ts: string;
  kind: RunEventKind;
  /** Text for stdout/stderr; the parsed JSON line for Claude events. */
  payload: unknown;
}

export interface CooldownStatus {
  cooling: boolean;
  resetsAt: string | null;
  source: string | null;
  message: string | null;
  since: string | null;
  deferredRuns: number;
  /** Set when the CLI reported `allowed_warning`: close to the limit. */
  warning: { at: string; resetsAt: string | null; limitType: string | null; utilization: number | null } | null;
  /** What the cooldown in force stops: `all` Claude work, or only runs on `opus` / `sonnet`. */
  scope?: 'all' | 'opus' | 'sonnet' | null;
  /** The model family a scoped limit holds back (`opus`, `sonnet`); null when it stops all Claude work. */
  model?: string | null;
  limitType?: string | null;
  /** A spend, credit or organisation limit: only the user can lift it. */
  needsUser?: boolean;
  /** Every cooldown in force (one per scope at most), the one ending last first. */
  cooldowns?: CooldownEntry[];
  /** The most recent limit hit, in force or not: what `cnp doctor` shows as "last limit". */
  last?: CooldownEntry | null;
}

/** How one Claude run ended, as the engine tells in-process listeners (alerts). */
export interface ClaudeOutcomeEvent {
  runId: number;
  jobId: number;
  jobName: string;
  /** One of cooldown/outcome-classes.ts: success, usage_limit, auth, spend_limit, max_turns, … */
  outcome: string;
  /** `claude_auth`: Claude is not logged in for scheduled runs. `limit_needs_user`: a spend, credit or org limit. */
  alert: 'claude_auth' | 'limit_needs_user' | null;
  message: string | null;
  at: string;
}

export interface CooldownEntry {
  scope: 'all' | 'opus' | 'sonnet';
  limitType: string | null;
  startedAt: string;
  resetsAt: string;
  source: string;
  message: string;
  needsUser: boolean;
  /** 0: waiting for a named reset; 1–4: probing again soon after a reset that had just passed. */
  probeStep: number;
  clearedAt: string | null;
  clearedBy: string | null;
}

export interface UsageRow {
  key: string;
  runs: number;
  costUsd: number;
  tokens: TokenCounts;
}

export interface Settings {
  maxConcurrentRuns: number;
  defaultTimeoutSeconds: number;
  claudePath: string | null;
  retentionDays: number;
  maxEventsPerRun: number;
  /** A run's stored output at most; past it the head and the tail are kept (half each). */
  maxOutputBytesPerRun: number;
  cooldownDefaultWaitSeconds: number;
  cooldownMarginSeconds: number;
  notifyOnCooldown: boolean;
  launchAtLogin: boolean;
  keepAwake: boolean;
  /** Linux: closing the window keeps the app running in the tray even when no tray host was found. */
  keepInTray: boolean;
  theme: 'light' | 'dark' | 'system';
  /** Failures in a row (final attempts) that open an alert, unless the job says otherwise. */
  alertFailureThreshold: number;
  /** Jobs overdue this long with nothing firing them mean the scheduler has stalled. */
  stallThresholdSeconds: number;
  /** Opt-in: an alert while a Claude usage-limit cooldown is on. */
  alertOnCooldown: boolean;
  /** A daily online backup of the database, keeping the newest `autoBackupKeep`. */
  autoBackup: boolean;
  autoBackupKeep: number;
  /** Where automatic backups go; null = a `backups` folder beside the database. */
  backupDir: string | null;
  /** Also write each run's whole output to a file beside the database, up to `rawLogMaxBytes`. */
  keepRawLogs: boolean;
  rawLogMaxBytes: number;
}

export const DEFAULT_SETTINGS: Settings = {
  maxConcurrentRuns: 1,
  defaultTimeoutSeconds: 3600,
  claudePath: null,
  retentionDays: 90,
  maxEventsPerRun: 50_000,
  maxOutputBytesPerRun: 50 * 1024 * 1024,
  cooldownDefaultWaitSeconds: 3600,
  cooldownMarginSeconds: 30,
  notifyOnCooldown: true,
  launchAtLogin: false,
  keepAwake: false,
  keepInTray: false,
  theme: 'system',
  alertFailureThreshold: 3,
  stallThresholdSeconds: 180,
  alertOnCooldown: false,
  autoBackup: false,
  autoBackupKeep: 7,
  backupDir: null,
  keepRawLogs: true,
  rawLogMaxBytes: 200 * 1024 * 1024,
};

export interface Page<T> {
  items: T[];
  total: number;
}
