import { Option, type Command } from 'commander';
import { z } from 'zod';
import type { CallInput } from '../../src-shared/contract';
import {
  BACKOFF_KINDS,
  CATCH_UP_POLICIES,
  HTTP_METHODS,
  OVERLAP_POLICIES,
  PERMISSION_MODES,
  type ExecutionOptions,
  type Job,
  type JobKind,
} from '../../src-shared/domain';
import { AppError, validationError } from '../../src-shared/errors';
import type { ScheduleIn } from '../../src-shared/schemas';
import { validateTimezone } from '../core/scheduler/schedule';
import { checkSchedule, machineTimezone, scheduleToValidation, toSchedule } from '../core/services/job-input';
import { usdAmount } from './claude-flags';
import { collect, durationList, durationSeconds, existingDir, instantFrom, keyValues, toolList, wholeNumber } from './options';
import { addAfterOptions, AfterFlags, afterPatch } from './after-flags';
import { addNotifyOptions, NotifyFlags, notifyPatch } from './notify-flags';

/** The options `job create` and `job update` share, as CLI.md lists them. */
export function addJobOptions(cmd: Command, mode: 'create' | 'update'): Command {
  if (mode === 'create') cmd.requiredOption('--name <name>', 'name of the job');
  else cmd.option('--name <name>', 'new name');
  cmd
    .option('--prompt-id <id>', 'run a saved prompt with Claude')
    .option('--prompt <text>', 'run this prompt with Claude')
    .option('--command <cmd>', 'run a shell command')
    .option('--url <url>', 'make an HTTP request')
    .option('--method <method>', `HTTP method (${HTTP_METHODS.join(', ')}; default GET)`)
    .option('--header <name:value>', 'HTTP header (repeatable)', collect)
    .option('--body <text>', 'HTTP request body')
    .option('--cron <expr>', 'cron expression with 5 or 6 fields')
    .option('--every <duration>', 'interval, e.g. 90s, 15m, 2h')
    .option('--at <date-time>', 'once, at an ISO-8601 date-time (without offset: in --tz)')
    .option('--manual', 'only when run by hand')
    .option('--tz <zone>', 'IANA timezone (default: this machine’s)')
    .option('--priority <1-10>', 'higher runs first (default 5)')
    .option('--cwd <dir>', 'working folder')
    .option('--env <name=value>', 'environment variable (repeatable)', collect)
    .option('--timeout <duration>', 'stop the run after this long')
    .option('--retries <n>', 'retries after a failed attempt')
    .addOption(new Option('--backoff <kind>', 'delay growth between retries').choices(BACKOFF_KINDS))
    .option('--retry-delay <duration>', 'first wait before a retry (default 1m)')
    .option('--retry-max-delay <duration>', 'longest wait between retries (default 1h)')
    .option('--retry-delays <list>', 'explicit waits, e.g. 30s,60s,5m,15m,1h (sets --backoff ladder)')
    .addOption(new Option('--overlap <policy>', 'when the previous run is still going').choices(OVERLAP_POLICIES))
    .addOption(new Option('--catch-up <policy>', 'missed runs after sleep or downtime').choices(CATCH_UP_POLICIES))
    .option('--model <model>', 'Claude model')
    .option('--max-turns <n>', 'Claude turn limit')
    .addOption(new Option('--permission-mode <mode>', 'Claude permission mode').choices(PERMISSION_MODES))
    .option('--allowed-tools <list>', 'tools Claude may use, comma or space separated')
    .option('--disallowed-tools <list>', 'tools Claude may not use, comma or space separated')
    .option('--fallback-model <model>', 'Claude model to switch to when the main one is overloaded')
    .option('--fallback-on-limit', 'while a weekly limit of the model family holds, run on --fallback-model instead of waiting')
    .option('--max-budget-usd <usd>', 'stop a Claude run once it has cost this much (never retried)')
    .option('--append-system-prompt <text>', 'text added to Claude\'s system prompt')
    .option('--add-dir <dir>', 'another folder Claude may work in (repeatable)', collect)
    .option('--mcp-config <file-or-json>', 'MCP servers for Claude: a JSON file or a JSON string')
    .addOption(new Option('--resume <session>', 'continue this Claude session (an id from `cnp runs show`)').conflicts('continue'))
    .addOption(new Option('--continue', 'continue the latest Claude session of the working folder').conflicts('resume'))
    .option('--tag <tag>', 'tag (repeatable)', collect);
  addAfterOptions(cmd, mode);
  addNotifyOptions(cmd, mode);
  if (mode === 'update') {
    cmd.addOption(new Option('--enabled', 'resume scheduling').conflicts('disabled'));
    cmd.addOption(new Option('--disabled', 'pause scheduling').conflicts('enabled'));
  } else {
    cmd.option('--disabled', 'create it paused');
  }
  return cmd;
}

export const JobFlags = z.object({
  name: z.string().optional(),
  promptId: wholeNumber(1).optional(),
  prompt: z.string().optional(),
  command: z.string().optional(),
  url: z.string().trim().optional(),
  method: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.enum(HTTP_METHODS, { error: `must be one of ${HTTP_METHODS.join(', ')}` }))
    .optional(),
  header: keyValues(':', '"Name: value"').optional(),
  body: z.string().optional(),
  cron: z.string().optional(),
  every: durationSeconds(1).optional(),
  at: z.string().optional(),
  manual: z.boolean().optional(),
  tz: z.string().trim().optional(),
  priority: wholeNumber(0).optional(),
  cwd: existingDir.optional(),
  env: keyValues('=', 'NAME=value').optional(),
  timeout: durationSeconds(1).optional(),
  retries: wholeNumber(0).optional(),
  backoff: z.enum(BACKOFF_KINDS).optional(),
  retryDelay: durationSeconds(0).optional(),
  retryMaxDelay: durationSeconds(0).optional(),
  retryDelays: durationList.optional(),
  overlap: z.enum(OVERLAP_POLICIES).optional(),
  catchUp: z.enum(CATCH_UP_POLICIES).optional(),
  model: z.string().optional(),
  maxTurns: wholeNumber(1).optional(),
  permissionMode: z.enum(PERMISSION_MODES).optional(),
  allowedTools: toolList.optional(),
  disallowedTools: toolList.optional(),
  fallbackModel: z.string().trim().min(1, 'needs a model name, e.g. sonnet').optional(),
  fallbackOnLimit: z.boolean().optional(),
  maxBudgetUsd: usdAmount.optional(),
  appendSystemPrompt: z.string().optional(),
  addDir: z.array(existingDir).optional(),
  mcpConfig: z.string().trim().min(1, 'needs a file or a JSON string').optional(),
  resume: z.string().trim().min(1, 'needs a session id').optional(),
  continue: z.boolean().optional(),
  tag: z.array(z.string()).optional(),
  enabled: z.boolean().optional(),
  disabled: z.boolean().optional(),
  ...AfterFlags,
  ...NotifyFlags,
});
export type JobFlags = z.output<typeof JobFlags>;

type JobCreateIn = CallInput<'jobs.create'>;
type JobPatchIn = CallInput<'jobs.update'>['patch'];
type HttpIn = NonNullable<JobCreateIn['http']>;
type Work = Pick<JobCreateIn, 'promptId' | 'prompt' | 'command' | 'http'>;

/** Which kind of work the flags describe; more than one kind is a mistake worth naming. */
function kindOf(f: JobFlags): JobKind | undefined {
  const kinds = new Set<JobKind>();
  if (f.prompt !== undefined || f.promptId !== undefined) kinds.add('claude');
  if (f.command !== undefined) kinds.add('shell');
  if (f.url !== undefined || f.method !== undefined || f.header !== undefined || f.body !== undefined) kinds.add('http');
  if (kinds.size > 1) {
    throw validationError('kind', 'Give one kind of work: --prompt or --prompt-id (Claude), --command (shell), or --url (HTTP)');
  }
  return [...kinds][0];
}

function workOf(f: JobFlags, kind: JobKind, current: Job | null): Work {
  if (kind === 'claude') {
    if (f.prompt !== undefined && f.promptId !== undefined) throw validationError('prompt', 'Give either --prompt or --prompt-id, not both');
    return f.promptId !== undefined ? { promptId: f.promptId } : { prompt: f.prompt ?? null };
  }
  if (kind === 'shell') return { command: f.command ?? null };
  // An update changes only the parts of the request it names.
  const base = current?.kind === 'http' ? current.http : null;
  const url = f.url ?? base?.url;
  if (!url) throw validationError('http.url', 'An HTTP job needs --url URL');
  const http: HttpIn = { url, headers: { ...(base?.headers ?? {}), ...(f.header ?? {}) } };
  const method = f.method ?? base?.method;
  if (method) http.method = method;
  const body = f.body ?? base?.body;
  if (body !== undefined) http.body = body;
  if (base) http.expectStatus = base.expectStatus;
  return { http };
}

/** An instant for `--at`, read as a wall time in `zone` when it has no offset. */
function atInstant(text: string, zone: string): string {
  try {
    validateTimezone(zone);
  } catch (err) {
    throw scheduleToValidation(err);
  }
  const ms = instantFrom(text, zone);
  if (ms === null) {
    throw new AppError('VALIDATION', `--at: "${text}" is not a date-time (use ISO-8601, e.g. 2026-12-01T09:00 in --tz, or 2026-12-01T01:00:00Z)`, {
      field: 'at',
    });
  }
  return new Date(ms).toISOString();
}

/** The schedule the `when` flags describe, or undefined when none was given. */
function scheduleOf(f: JobFlags, fallbackZone: string): ScheduleIn | undefined {
  const given = [f.cron !== undefined, f.every !== undefined, f.at !== undefined, f.manual === true].filter(Boolean).length;
  if (given > 1) throw validationError('schedule', 'Give one schedule: --cron, --every, --at or --manual');
  const zone = f.tz !== undefined ? { timezone: f.tz } : {};
  if (f.cron !== undefined) return { type: 'cron', cron: f.cron, ...zone };
  if (f.every !== undefined) return { type: 'interval', everySeconds: f.every, ...zone };
  if (f.at !== undefined) return { type: 'once', at: atInstant(f.at, f.tz ?? fallbackZone), ...zone };
  if (f.manual) return { type: 'manual', ...zone };
  return undefined;
}

function executionOf(f: JobFlags): ExecutionOptions {
  const o: ExecutionOptions = {};
  if (f.cwd !== undefined) o.cwd = f.cwd;
  if (f.env !== undefined) o.env = f.env;
  if (f.model !== undefined) o.model = f.model;
  if (f.maxTurns !== undefined) o.maxTurns = f.maxTurns;
  if (f.permissionMode !== undefined) o.permissionMode = f.permissionMode;
  if (f.allowedTools !== undefined) o.allowedTools = f.allowedTools;
  if (f.disallowedTools !== undefined) o.disallowedTools = f.disallowedTools;
  if (f.fallbackModel !== undefined) o.fallbackModel = f.fallbackModel;
  if (f.fallbackOnLimit !== undefined) o.fallbackOnLimit = f.fallbackOnLimit;
  if (f.maxBudgetUsd !== undefined) o.maxBudgetUsd = f.maxBudgetUsd;
  if (f.appendSystemPrompt !== undefined) o.appendSystemPrompt = f.appendSystemPrompt;
  if (f.addDir !== undefined) o.addDirs = f.addDir;
  if (f.mcpConfig !== undefined) o.mcpConfig = f.mcpConfig;
  if (f.resume !== undefined) o.resumeSessionId = f.resume;
  if (f.continue !== undefined) o.continueSession = f.continue;
  return o;
}

/**
 * The retry policy the flags describe, merged into the job's current one. A ladder given without
 * --retries retries once per step: `--retry-delays 30s,60s,5m` means three retries.
 */
function retryOf(f: JobFlags, current: Job | null): JobPatchIn['retry'] | undefined {
  const given = [f.retries, f.backoff, f.retryDelay, f.retryMaxDelay, f.retryDelays].some((v) => v !== undefined);
  if (!given) return undefined;
  if (f.retryDelays !== undefined && f.backoff !== undefined && f.backoff !== 'ladder') {
    throw validationError('retry-delays', `--retry-delays is a ladder of waits; it cannot go with --backoff ${f.backoff}`);
  }
  if (f.backoff === 'ladder' && f.retryDelays === undefined && !current?.retry.delaysSeconds?.length) {
    throw validationError('retry-delays', '--backoff ladder needs its waits: add --retry-delays 30s,60s,5m');
  }
  const retry: NonNullable<JobPatchIn['retry']> = { ...(current?.retry ?? {}) };
  if (f.retryDelays !== undefined) {
    retry.backoff = 'ladder';
    retry.delaysSeconds = f.retryDelays;
    if (f.retries === undefined && !current?.retry.maxRetries) retry.maxRetries = f.retryDelays.length;
  }
  if (f.backoff !== undefined) retry.backoff = f.backoff;
  if (f.retries !== undefined) retry.maxRetries = f.retries;
  if (f.retryDelay !== undefined) retry.delaySeconds = f.retryDelay;
  if (f.retryMaxDelay !== undefined) retry.maxDelaySeconds = f.retryMaxDelay;
  return retry;
}

/** The settings both create and update take as they are, only those given. */
function settingsOf(f: JobFlags, current: Job | null): JobPatchIn {
  const s: JobPatchIn = {};
  if (f.priority !== undefined) s.priority = f.priority;
  if (f.overlap !== undefined) s.overlap = f.overlap;
  if (f.catchUp !== undefined) s.catchUp = f.catchUp;
  if (f.timeout !== undefined) s.timeoutSeconds = f.timeout;
  if (f.tag !== undefined) s.tags = f.tag;
  const retry = retryOf(f, current);
  if (retry) s.retry = retry;
  const options = executionOf(f);
  if (Object.keys(options).length) {
    const merged: ExecutionOptions = { ...(current?.options ?? {}), ...options };
    // Another --env adds to the job's variables rather than wiping the ones it has.
    if (options.env && current?.options.env) merged.env = { ...current.options.env, ...options.env };
    // Claude picks up one conversation: a new --resume replaces --continue, and the other way round.
    if (options.resumeSessionId !== undefined) delete merged.continueSession;
    if (options.continueSession) delete merged.resumeSessionId;
    if (merged.fallbackOnLimit && !merged.fallbackModel) {
      throw validationError('fallbackOnLimit', '--fallback-on-limit needs a model to fall back to: add --fallback-model MODEL');
    }
    s.options = merged;
  }
  if (f.enabled) s.enabled = true;
  if (f.disabled) s.enabled = false;
  Object.assign(s, afterPatch(f));
  const notify = notifyPatch(f, current);
  if (notify) s.notify = notify;
  return s;
}

export function jobCreateInput(f: JobFlags): JobCreateIn {
  const name = f.name;
  if (name === undefined) throw validationError('name', 'A job needs a name: --name NAME');
  const kind = kindOf(f);
  if (!kind) throw validationError('kind', 'A job needs something to do: --prompt TEXT, --prompt-id ID, --command CMD or --url URL');
  // A job that runs after others needs no schedule of its own: it is then only released by them.
  const schedule = scheduleOf(f, machineTimezone()) ?? (f.after?.length ? ({ type: 'manual' } as const) : undefined);
  if (!schedule) throw validationError('schedule', 'A job needs a schedule: --cron EXPR, --every DURATION, --at DATE-TIME, --manual or --after ID');
  return { ...settingsOf(f, null), name, kind, ...workOf(f, kind, null), schedule };
}

/** Only what the flags change; nested settings are merged into the job's current ones. */
export function jobPatch(f: JobFlags, current: Job): JobPatchIn {
  const patch: JobPatchIn = settingsOf(f, current);
  if (f.name !== undefined) patch.name = f.name;
  const kind = kindOf(f);
  if (kind) Object.assign(patch, { kind }, workOf(f, kind, current));
  const schedule = scheduleOf(f, f.tz ?? current.schedule.timezone);
  if (schedule) patch.schedule = schedule;
  else if (f.tz !== undefined) patch.schedule = { ...current.schedule, timezone: f.tz };
  if (Object.keys(patch).length === 0) throw validationError('patch', 'Nothing to change: give at least one option (see `cnp job update --help`)');
  return patch;
}

/**
 * Checks a new job's schedule (timezone, cron fields, a date in the past) before any database is
 * opened, so a rejected create leaves no trace.
 */
export function precheckSchedule(schedule: ScheduleIn, now = Date.now()): void {
  checkSchedule(toSchedule({ ...schedule, timezone: schedule.timezone ?? machineTimezone() }, now, now), now);
}
