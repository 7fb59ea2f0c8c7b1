import type { CallInput } from '../../../src-shared/contract';
import type {
  AfterMode,
  BackoffKind,
  CatchUpPolicy,
  ChainCondition,
  ExecutionOptions,
  HttpMethod,
  Job,
  JobKind,
  OverlapPolicy,
  PermissionMode,
  ScheduleType,
} from '../../../src-shared/domain';
import { durationText, parseDuration } from '../../lib/numbers';
import { isoToZonedInput, localZone, zonedInputToIso } from '../../lib/time';

/** The editor's form state: text as typed, turned into contract input only on Save. */
export interface JobDraft {
  name: string;
  kind: JobKind;
  /** 'inline' or a library prompt's id. */
  promptSource: 'inline' | number;
  prompt: string;
  command: string;
  url: string;
  method: HttpMethod;
  headers: string;
  body: string;
  expectStatus: string;
  scheduleType: ScheduleType;
  cron: string;
  timezone: string;
  interval: string;
  onceAt: string;
  enabled: boolean;
  priority: string;
  timeout: string;
  retries: string;
  backoff: BackoffKind;
  retryDelay: string;
  overlap: OverlapPolicy;
  catchUp: CatchUpPolicy;
  model: string;
  maxTurns: string;
  permissionMode: PermissionMode | '';
  allowedTools: string;
  cwd: string;
  /** Environment variables as edited: rows, kept in order, empty rows ignored. */
  env: { name: string; value: string }[];
  worktree: boolean;
  skipPermissions: boolean;
  notifyOnFailure: boolean;
  notifyOnSuccess: boolean;
  webhookUrl: string;
  /** Alerts for this job (features/notifications edits these three). */
  alertsOn: boolean;
  alertAfter: string;
  notifyChannels: number[];
  tags: string;
  /** The jobs this one runs after (issue 15), and how it waits with several. */
  after: { jobId: number; condition: ChainCondition }[];
  afterMode: AfterMode;
}

export type JobInput = CallInput<'jobs.create'>;

export function emptyDraft(): JobDraft {
  return {
    name: '',
    kind: 'claude',
    promptSource: 'inline',
    prompt: '',
    command: '',
    url: '',
    method: 'GET',
    headers: '',
    body: '',
    expectStatus: '',
    scheduleType: 'cron',
    cron: '0 9 * * *',
    timezone: localZone(),
    interval: '15m',
    onceAt: '',
    enabled: true,
    priority: '5',
    timeout: '',
    retries: '0',
    backoff: 'exponential',
    retryDelay: '1m',
    overlap: 'skip',
    catchUp: 'run_once',
    model: '',
    maxTurns: '',
    permissionMode: '',
    allowedTools: '',
    cwd: '',
    env: [],
    worktree: false,
    skipPermissions: false,
    notifyOnFailure: true,
    notifyOnSuccess: false,
    webhookUrl: '',
    alertsOn: true,
    alertAfter: '',
    notifyChannels: [],
    tags: '',
    after: [],
    afterMode: 'all',
  };
}

export function draftFromJob(job: Job): JobDraft {
  const o = job.options;
  return {
    ...emptyDraft(),
    name: job.name,
    kind: job.kind,
    promptSource: job.promptId ?? 'inline',
    prompt: job.prompt ?? '',
    command: job.command ?? '',
    url: job.http?.url ?? '',
    method: job.http?.method ?? 'GET',
    headers: Object.entries(job.http?.headers ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
    body: job.http?.body ?? '',
    expectStatus: (job.http?.expectStatus ?? []).join(', '),
    scheduleType: job.schedule.type,
    cron: job.schedule.cron ?? '',
    timezone: job.schedule.timezone,
    interval: job.schedule.everySeconds ? durationText(job.schedule.everySeconds) : '15m',
    onceAt: job.schedule.at ? isoToZonedInput(job.schedule.at, job.schedule.timezone) : '',
    enabled: job.enabled,
    priority: String(job.priority),
    timeout: job.timeoutSeconds === null ? '' : durationText(job.timeoutSeconds),
    retries: String(job.retry.maxRetries),
    backoff: job.retry.backoff,
    retryDelay: durationText(job.retry.delaySeconds),
    overlap: job.overlap,
    catchUp: job.catchUp,
    model: o.model ?? '',
    maxTurns: o.maxTurns === undefined ? '' : String(o.maxTurns),
    permissionMode: o.permissionMode ?? '',
    allowedTools: (o.allowedTools ?? []).join(' '),
    cwd: o.cwd ?? '',
    env: Object.entries(o.env ?? {}).map(([name, value]) => ({ name, value })),
    worktree: o.worktree?.enabled ?? false,
    skipPermissions: o.dangerouslySkipPermissions ?? false,
    notifyOnFailure: job.notify.onFailure,
    notifyOnSuccess: job.notify.onSuccess,
    webhookUrl: job.notify.webhookUrl ?? '',
    alertsOn: job.notify.onAlert ?? true,
    alertAfter: job.notify.failureThreshold === undefined ? '' : String(job.notify.failureThreshold),
    notifyChannels: job.notify.channels ?? [],
    tags: job.tags.join(', '),
    after: job.after.map((l) => ({ jobId: l.jobId, condition: l.condition })),
    afterMode: job.afterMode,
  };
}

/** Words a message in the UI's language: i18next's `t`, or plain English by default. */
export type Say = (key: string, vars?: Record<string, string | number>) => string;
export const english: Say = (key, vars) => key.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars?.[name] ?? ''));

/**
 * A problem found before asking the contract, named by the contract's own field path. The message
 * is English (as the contract's are); `say` words it in the UI's language for the form.
 */
export class DraftError extends Error {
  readonly say: (say: Say) => string;
  constructor(
    readonly field: string,
    words: (say: Say) => string,
  ) {
    super(words(english));
    this.say = words;
  }
}

function wholeNumber(text: string, field: string, what: string): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n)) throw new DraftError(field, (say) => say('{{what}} must be a whole number', { what: say(what) }));
  return n;
}

function duration(text: string, field: string, what: string): number {
  const seconds = parseDuration(text);
  if (seconds === null) throw new DraftError(field, (say) => say('{{what}} must be a duration such as 90s, 15m, 2h or 1h30m', { what: say(what) }));
  return seconds;
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new DraftError('http.headers', (say) => say('Header line "{{line}}" needs the form Name: value', { line: line.trim() }));
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function parseStatuses(text: string): number[] {
  const items = text.split(/[\s,]+/).filter(Boolean);
  return items.map((item) => {
    const n = Number(item);
    if (!Number.isInteger(n) || n < 100 || n > 599) throw new DraftError('http.expectStatus', (say) => say('"{{item}}" is not an HTTP status (100-599)', { item }));
    return n;
  });
}

const splitList = (text: string, separator: RegExp) => text.split(separator).map((s) => s.trim()).filter(Boolean);

function schedule(d: JobDraft): JobInput['schedule'] {
  const timezone = d.timezone.trim();
  switch (d.scheduleType) {
    case 'cron':
      return { type: 'cron', cron: d.cron.trim(), timezone };
    case 'interval':
      return { type: 'interval', everySeconds: duration(d.interval, 'schedule.everySeconds', 'The interval'), timezone };
    case 'once': {
      const at = zonedInputToIso(d.onceAt, timezone);
      if (!at) throw new DraftError('schedule.at', (say) => say('Pick the date and time to run at'));
      return { type: 'once', at, timezone };
    }
    case 'manual':
      return { type: 'manual', timezone };
  }
}

/** Options the editor doesn't show (fallback model, …) are kept from the stored job. */
function options(d: JobDraft, base: ExecutionOptions): ExecutionOptions {
  const {
    model: _model,
    maxTurns: _maxTurns,
    permissionMode: _permissionMode,
    allowedTools: _allowedTools,
    cwd: _cwd,
    env: _env,
    dangerouslySkipPermissions: _skip,
    worktree,
    ...kept
  } = base;
  const out: ExecutionOptions = { ...kept };
  // An HTTP request has no working directory: the field is hidden for it and not sent.
  if (d.cwd.trim() && d.kind !== 'http') out.cwd = d.cwd.trim();
  const env = d.env.filter((v) => v.name.trim() !== '');
  if (env.length > 0) out.env = Object.fromEntries(env.map((v) => [v.name.trim(), v.value]));
  if (d.kind === 'claude') {
    if (d.model.trim()) out.model = d.model.trim();
    if (d.maxTurns.trim()) out.maxTurns = wholeNumber(d.maxTurns, 'options.maxTurns', 'Max turns');
    if (d.permissionMode) out.permissionMode = d.permissionMode;
    const tools = splitList(d.allowedTools, /[\s,]+(?![^(]*\))/);
    if (tools.length > 0) out.allowedTools = tools;
    if (d.skipPermissions) out.dangerouslySkipPermissions = true;
  }
  if (d.worktree || worktree) out.worktree = { keep: 'on_failure', ...worktree, enabled: d.worktree };
  return out;
}

function work(d: JobDraft): Pick<JobInput, 'promptId' | 'prompt' | 'command' | 'http'> {
  switch (d.kind) {
    case 'claude':
      return d.promptSource === 'inline'
        ? { promptId: null, prompt: d.prompt === '' ? null : d.prompt, command: null, http: null }
        : { promptId: d.promptSource, prompt: null, command: null, http: null };
    case 'shell':
      return { promptId: null, prompt: null, command: d.command, http: null };
    case 'http':
      return {
        promptId: null,
        prompt: null,
        command: null,
        http: {
          url: d.url.trim(),
          method: d.method,
          headers: parseHeaders(d.headers),
          ...(d.body !== '' ? { body: d.body } : {}),
          expectStatus: parseStatuses(d.expectStatus),
        },
      };
  }
}

/** The contract input for a draft; throws DraftError for what can't even be sent. */
export function draftToInput(d: JobDraft, base?: Job): JobInput {
  const retryBase = base?.retry;
  return {
    name: d.name,
    kind: d.kind,
    ...work(d),
    schedule: schedule(d),
    enabled: d.enabled,
    priority: wholeNumber(d.priority, 'priority', 'Priority'),
    overlap: d.overlap,
    catchUp: d.catchUp,
    timeoutSeconds: d.timeout.trim() === '' ? null : duration(d.timeout, 'timeoutSeconds', 'The timeout'),
    retry: {
      ...(retryBase ? { maxDelaySeconds: retryBase.maxDelaySeconds, jitter: retryBase.jitter } : {}),
      // The form has no editor for a ladder's waits or a multiplier: keep what the job has.
      ...(retryBase?.delaysSeconds ? { delaysSeconds: retryBase.delaysSeconds } : {}),
      ...(retryBase?.multiplier !== undefined ? { multiplier: retryBase.multiplier } : {}),
      maxRetries: wholeNumber(d.retries, 'retry.maxRetries', 'Retries'),
      backoff: d.backoff,
      delaySeconds: duration(d.retryDelay, 'retry.delaySeconds', 'The retry delay'),
    },
    options: options(d, base?.options ?? {}),
    notify: {
      onFailure: d.notifyOnFailure,
      onSuccess: d.notifyOnSuccess,
      ...(d.webhookUrl.trim() ? { webhookUrl: d.webhookUrl.trim() } : {}),
      onAlert: d.alertsOn,
      ...(d.alertAfter.trim() ? { failureThreshold: wholeNumber(d.alertAfter, 'notify.failureThreshold', 'Failures before an alert') } : {}),
      ...(d.notifyChannels.length ? { channels: d.notifyChannels } : {}),
    },
    tags: splitList(d.tags, /,/),
    after: d.after,
    afterMode: d.afterMode,
  };
}
