import type { z } from 'zod';
import type {
  CooldownStatus,
  ClaudeOutcomeEvent,
  RunStatus,
  TokenCounts,
  Job,
  JobLink,
  Page,
  Prompt,
  Run,
  RunEvent,
  Settings,
  UsageRow,
} from './domain';
import {
  ById,
  Empty,
  JobCreateInput,
  JobGetInput,
  JobListInput,
  JobUpdateInput,
  PromptCreateInput,
  PromptListInput,
  PromptUpdateInput,
  RunEventsInput,
  RunListInput,
  RunRawLogInput,
  SchedulePreviewInput,
  SettingsPatchInput,
  SinceLastVisitInput,
  UsageInput,
} from './schemas';
import { JobsExportInput, JobsImportInput, LegacyDismissInput, LegacyImportInput } from './files-schemas';
import type { JobsExport, JobsImportReport, LegacyCandidate, LegacyImportReport } from './files-types';
import type { Alert, AuditEntry, ChannelTestResult, NotifyChannel, StatsSummary } from './ops';
import { AlertListInput, AuditListInput, ById as OpsById, ChannelAddInput, ChannelUpdateInput, StatsInput } from './ops-schemas';

/**
 * The one contract. Every call: its name (the IPC channel and the `POST /api/<name>` path), its
 * zod input schema, and its output type. Electron's preload and the browser client both implement
 * `window.api` from this list; `src-main/core/api.ts` must implement every entry (a missing
 * handler is a compile error).
 */
interface CallSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output?: O;
}
const call = <O>() => <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });

export interface SchedulePreview {
  description: string;
  nextRuns: string[];
  timezone: string;
}
/** Who holds the engine lease (schedules this database): its process, host, and since when. */
export interface EngineStatus {
  running: boolean;
  holder: string | null;
  pid: number | null;
  hostname: string | null;
  since: string | null;
  heartbeatAt: string | null;
  inThisProcess: boolean;
}
export interface Health {
  ok: true;
  version: string;
  dbPath: string;
  schemaVersion: number;
  engine: EngineStatus;
  claude: { path: string | null; version: string | null; error: string | null };
  /** Whether Claude is logged in for this process's runs, found without spending a token. */
  claudeLogin?: { loggedIn: boolean | null; method: string | null; detail: string };
  /** The user's login-shell PATH that runs get: as last found by an engine (or just now by `doctor`). */
  loginPath?: LoginPathHealth;
}
export interface LoginPathHealth {
  status: 'ok' | 'timeout' | 'failed' | 'disabled' | 'unknown';
  path: string | null;
  shell: string | null;
  /** How long the login shell took to answer. */
  tookMs: number | null;
  checkedAt: string | null;
  error: string | null;
}
export interface DashboardSummary {
  days: { day: string; succeeded: number; failed: number; other: number; costUsd: number; tokens: number; p95DurationMs: number | null }[];
  successRate: number | null;
  p95DurationMs: number | null;
  upcoming: { jobId: number; jobName: string; at: string }[];
  /** The next 24 hours, one line per job (frequent jobs collapse into one), by first fire time. */
  upcomingByJob: { jobId: number; jobName: string; timezone: string; first: string; count: number; more: boolean }[];
  running: { runId: number; jobId: number; jobName: string; startedAt: string }[];
}

/** The morning review: what went wrong, what waited, what Claude answered, what it cost. */
export interface SinceLastVisit {
  since: string;
  until: string;
  problems: { total: number; items: { runId: number; jobId: number; jobName: string; status: RunStatus; at: string; excerpt: string | null }[] };
  waiting: { total: number; items: { runId: number; jobId: number; jobName: string; status: RunStatus; at: string; scheduledFor: string | null; reason: string | null }[] };
  answers: { runId: number; jobId: number; jobName: string; at: string; text: string }[];
  spend: { runs: number; succeeded: number; failed: number; costUsd: number; tokens: TokenCounts };
}

/** One of the Claude CLI's limits as its last rate_limit_event described it. */
export interface UsageMeter {
  /** "five_hour", "seven_day", "seven_day_opus", …: model-scoped limits carry the model's name. */
  limitType: string;
  status: string;
  utilization: number | null;
  resetsAt: string | null;
  reportedAt: string;
}

export const contract = {
  'prompts.create': call<Prompt>()(PromptCreateInput),
  'prompts.list': call<Prompt[]>()(PromptListInput),
  'prompts.get': call<Prompt>()(ById),
  'prompts.update': call<Prompt>()(PromptUpdateInput),
  'prompts.delete': call<{ deleted: true }>()(ById),

  'jobs.create': call<Job>()(JobCreateInput),
  'jobs.list': call<Page<Job>>()(JobListInput),
  'jobs.get': call<Job>()(JobGetInput),
  'jobs.update': call<Job>()(JobUpdateInput),
  /** `dependants`: the jobs that ran after the deleted one (their edges to it are gone); `warning` says so in words. */
  'jobs.delete': call<{ deleted: true; dependants: JobLink[]; warning: string | null }>()(ById),
  'jobs.pause': call<Job>()(ById),
  'jobs.resume': call<Job>()(ById),
  'jobs.previewSchedule': call<SchedulePreview>()(SchedulePreviewInput),
  'jobs.runNow': call<Run>()(ById),

  'runs.list': call<Page<Run>>()(RunListInput),
  'runs.get': call<Run>()(ById),
  'runs.events': call<{ events: RunEvent[]; truncated: boolean }>()(RunEventsInput),
  'runs.cancel': call<Run>()(ById),
  'runs.retry': call<Run>()(ById),
  /** Desktop only: saves the run's full log where the person picks in a save dialog (web: GET /api/runs/:id/raw-log). */
  'runs.saveRawLog': call<{ saved: boolean; path: string | null; bytes: number }>()(RunRawLogInput),

  'cooldown.status': call<CooldownStatus>()(Empty),
  'cooldown.clear': call<CooldownStatus>()(Empty),
  'cooldown.meters': call<UsageMeter[]>()(Empty),
  'usage.summary': call<UsageRow[]>()(UsageInput),
  'dashboard.summary': call<DashboardSummary>()(Empty),
  'overview.sinceLastVisit': call<SinceLastVisit>()(SinceLastVisitInput),

  'settings.get': call<Settings>()(Empty),
  'settings.set': call<Settings>()(SettingsPatchInput),
  'system.health': call<Health>()(Empty),
  'system.version': call<{ version: string }>()(Empty),
  'system.engine': call<EngineStatus>()(Empty),

  'jobFiles.export': call<JobsExport>()(JobsExportInput),
  'jobFiles.import': call<JobsImportReport>()(JobsImportInput),
  'legacy.discover': call<{ candidates: LegacyCandidate[] }>()(Empty),
  'legacy.import': call<LegacyImportReport>()(LegacyImportInput),
  'legacy.dismiss': call<{ dismissed: true }>()(LegacyDismissInput),
  'audit.list': call<Page<AuditEntry>>()(AuditListInput),
  'alerts.list': call<Page<Alert>>()(AlertListInput),
  'alerts.acknowledge': call<Alert>()(OpsById),
  'channels.list': call<NotifyChannel[]>()(Empty),
  'channels.add': call<NotifyChannel>()(ChannelAddInput),
  'channels.update': call<NotifyChannel>()(ChannelUpdateInput),
  'channels.remove': call<{ deleted: true }>()(OpsById),
  'channels.test': call<ChannelTestResult>()(OpsById),
  'stats.summary': call<StatsSummary>()(StatsInput),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];
export type CallInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type CallOutput<C extends Channel> = NonNullable<Contract[C]['output']>;

/** Events pushed from the engine to every UI (IPC `event:<name>`, or the serve WebSocket). */
export interface EventMap {
  'run.event': RunEvent;
  'run.updated': Run;
  'job.changed': { jobId: number | null };
  'cooldown.changed': CooldownStatus;
  'alerts.changed': { alertId: number | null };
  /**
   * In-process only (not in EVENT_NAMES, not forwarded to UIs): how each Claude run ended, named, with
   * the alert it calls for. core/alerts listens for `alert` = `claude_auth` / `limit_needs_user`.
   */
  'claude.outcome': ClaudeOutcomeEvent;
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: EventName[] = ['run.event', 'run.updated', 'job.changed', 'cooldown.changed', 'alerts.changed'];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
