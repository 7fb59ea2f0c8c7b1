import type { ExecutionOptions, RunStatus, Settings, TokenCounts } from '../../../src-shared/domain';
import type { LimitScope } from '../cooldown/limit-scope';
import type { OutcomeClass } from '../cooldown/outcome-classes';
import type { JobRecord } from '../db/jobs-repo';
import type { RunRecord } from '../db/runs-repo';
import type { EventSink } from './event-sink';

export interface ExecutionRequest {
  run: RunRecord;
  job: JobRecord;
  /** The resolved prompt text for Claude jobs (library prompt or inline). */
  prompt: string | null;
  settings: Settings;
  /** Aborted on cancel; `signal.reason` is 'cancel' or 'shutdown'. */
  signal: AbortSignal;
  events: EventSink;
  /** Called once the child process exists, for supervision and the fire-latency benchmark. */
  onSpawn(pid: number | undefined, startTime?: string | null): void;
  /** Every process of the run carries it as CNP_RUN_TOKEN (see supervision/supervisor.ts). */
  processToken: string;
  /** Where the run's supervisor records the exit status; null when there is no place for it. */
  exitStatusFile: string | null;
  /** The environment jobs start from: the user's login-shell PATH and the engine's env. */
  baseEnv: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** The engine's clock (a fake one in tests): limit texts name times relative to it. */
  now?: () => number;
  /** Run on this model instead of the job's (its fallback, while its own family is limited). */
  modelOverride?: string;
}

/** What a usage-limit hit tells the engine: when Claude work may start again. */
export interface UsageLimitHit {
  /** Epoch ms; may lie in the past (a reset that has just gone by) or be null (not given). */
  resetsAt: number | null;
  source: string;
  message: string;
  /** Which Claude work waits: everything, or only runs on the Opus or Sonnet family. */
  scope?: LimitScope;
  limitType?: string | null;
  /** A spend, credit or organisation limit: only the user can lift it (alerts hook this). */
  needsUser?: boolean;
}

export interface ExecutionResult {
  status: Extract<RunStatus, 'succeeded' | 'failed' | 'timed_out' | 'cancelled' | 'interrupted'>;
  exitCode: number | null;
  error: string | null;
  /** 'permanent' is never retried; 'transient' is retried with backoff. */
  errorKind: 'permanent' | 'transient' | 'usage_limit' | null;
  usageLimit?: UsageLimitHit;
  /** The named outcome of a Claude run (cooldown/outcome-classes.ts). */
  outcomeClass?: OutcomeClass;
  usageWarning?: { resetsAt: number | null; limitType: string | null; utilization: number | null };
  sessionId?: string | null;
  model?: string | null;
  numTurns?: number | null;
  costUsd?: number | null;
  tokens?: TokenCounts;
}

export interface Executor {
  execute(req: ExecutionRequest): Promise<ExecutionResult>;
}

export type { ExecutionOptions };
