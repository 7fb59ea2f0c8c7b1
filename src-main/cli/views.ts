import type { Health, SchedulePreview } from '../../src-shared/contract';
import type { CooldownEntry, CooldownStatus, Job, Prompt, Run, UsageRow } from '../../src-shared/domain';
import { describeSchedule, type Schedule } from '../core/scheduler/schedule';
import { machineTimezone } from '../core/services/job-input';
import { keyValues, table, type Cell } from './output';
import { formatWallTime } from './wall-time';
import { formatDuration } from '../core/job-files/durations';

/** Human renderings of the contract's results. JSON output never goes through here. */

const localZone = machineTimezone();

export function timeIn(isoTime: string | null | undefined, zone: string = localZone): string | null {
  if (!isoTime) return null;
  const ms = Date.parse(isoTime);
  return Number.isFinite(ms) ? formatWallTime(ms, zone) : isoTime;
}

export function durationText(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
}

export const money = (usd: number | null | undefined): string | null => (usd === null || usd === undefined ? null : `$${usd.toFixed(4)}`);

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

function scheduleOfJob(job: Job): Schedule | null {
  const { timezone } = job.schedule;
  switch (job.schedule.type) {
    case 'cron':
      return job.schedule.cron ? { type: 'cron', cron: job.schedule.cron, timezone } : null;
    case 'interval':
      return job.schedule.everySeconds ? { type: 'interval', everySeconds: job.schedule.everySeconds, timezone, anchor: 0 } : null;
    case 'once': {
      const at = Date.parse(job.schedule.at ?? '');
      return Number.isFinite(at) ? { type: 'once', at, timezone } : null;
    }
    case 'manual':
      return { type: 'manual', timezone };
  }
}

export function scheduleText(job: Job): string {
  const schedule = scheduleOfJob(job);
  if (!schedule) return job.schedule.type;
  try {
    return describeSchedule(schedule);
  } catch {
    return job.schedule.cron ?? job.schedule.type;
  }
}

function nextRunText(job: Job): string | null {
  if (!job.enabled) return 'paused';
  return timeIn(job.nextRunAt, job.schedule.timezone);
}

function workText(job: Job): [string, Cell] {
  if (job.kind === 'shell') return ['command', job.command];
  if (job.kind === 'http') return ['request', job.http ? `${job.http.method} ${job.http.url}` : null];
  return job.promptId !== null ? ['prompt id', job.promptId] : ['prompt', job.prompt];
}

export function jobTable(jobs: Job[]): string {
  if (jobs.length === 0) return 'No jobs yet: add one with `cnp job create`.';
  return table(
    ['ID', 'NAME', 'KIND', 'SCHEDULE', 'NEXT RUN', 'LAST'],
    jobs.map((j) => [j.id, j.name, j.kind, scheduleText(j), nextRunText(j), j.lastStatus]),
    [undefined, 30, undefined, 48],
  );
}

export function jobDetails(job: Job, shown: { showEnvValues: boolean } = { showEnvValues: false }): string {
  const o = job.options;
  const pairs: [string, Cell][] = [
    ['id', job.id],
    ['name', job.name],
    ['kind', job.kind],
    workText(job),
    ['schedule', scheduleText(job)],
    ['timezone', job.schedule.timezone],
    ['enabled', yesNo(job.enabled)],
    ['next run', job.enabled ? `${timeIn(job.nextRunAt, job.schedule.timezone) ?? '-'}${job.nextRunAt ? ` (${job.nextRunAt})` : ''}` : 'paused'],
    ['last run', timeIn(job.lastRunAt, job.schedule.timezone)],
    ['last status', job.lastStatus],
    ['success rate', job.successRate === null ? null : `${Math.round(job.successRate * 100)}%`],
    ['priority', job.priority],
    ['overlap', job.overlap],
    ['catch-up', job.catchUp],
    ['timeout', job.timeoutSeconds === null ? null : durationText(job.timeoutSeconds * 1000)],
    ['retries', retryText(job)],
  ];
  if (job.http && Object.keys(job.http.headers).length) {
    pairs.push(['headers', Object.entries(job.http.headers).map(([k, v]) => `${k}: ${v}`).join('\n')]);
  }
  if (job.http?.body) pairs.push(['body', job.http.body]);
  if (o.cwd) pairs.push(['cwd', o.cwd]);
  if (o.env && Object.keys(o.env).length) {
    pairs.push(['env', Object.entries(o.env).map(([k, v]) => (shown.showEnvValues ? `${k}=${v}` : `${k}=…`)).join(' ')]);
  }
  if (job.notify.webhookUrl) pairs.push(['webhook', job.notify.webhookUrl]);
  if (o.model) pairs.push(['model', o.model]);
  if (o.maxTurns !== undefined) pairs.push(['max turns', o.maxTurns]);
  if (o.permissionMode) pairs.push(['permission mode', o.permissionMode]);
  if (o.allowedTools?.length) pairs.push(['allowed tools', o.allowedTools.join(', ')]);
  if (job.after.length) {
    pairs.push(['runs after', linkLines(job.after)]);
    if (job.after.length > 1) pairs.push(['after mode', job.afterMode === 'all' ? 'all (waits for every upstream)' : 'any (after each upstream)']);
  }
  if (job.dependants.length) pairs.push(['dependants', linkLines(job.dependants)]);
  pairs.push(['tags', job.tags.join(', ')], ['created', timeIn(job.createdAt)], ['updated', timeIn(job.updatedAt)]);
  return keyValues(pairs);
}

/** "#3 tests (on failure)", one per line. */
function linkLines(links: Job['after']): string {
  return links.map((l) => `#${l.jobId} ${l.jobName} (${l.condition === 'always' ? 'always' : `on ${l.condition}`})`).join('\n');
}

/** The trigger column: a chain run says which run(s) released it. */
function triggerText(r: Run): string {
  return r.trigger === 'chain' && r.upstreamRunIds.length ? `chain ← ${r.upstreamRunIds.map((id) => `#${id}`).join(',')}` : r.trigger;
}

export function promptTable(prompts: Prompt[]): string {
  if (prompts.length === 0) return 'No prompts yet: add one with `cnp prompt add`.';
  return table(
    ['ID', 'TITLE', 'TAGS', 'JOBS', 'UPDATED'],
    prompts.map((p) => [p.id, p.title, p.tags.join(','), p.usedByJobs, timeIn(p.updatedAt)]),
    [undefined, 40, 30],
  );
}

export function promptDetails(p: Prompt): string {
  const head = keyValues([
    ['id', p.id],
    ['title', p.title],
    ['tags', p.tags.join(', ')],
    ['used by', `${p.usedByJobs} job${p.usedByJobs === 1 ? '' : 's'}`],
    ['created', timeIn(p.createdAt)],
    ['updated', timeIn(p.updatedAt)],
  ]);
  return `${head}\n\n${p.body}`;
}

export function runTable(runs: Run[]): string {
  if (runs.length === 0) return 'No runs.';
  return table(
    ['ID', 'JOB', 'STATUS', 'TRIGGER', 'TRY', 'STARTED', 'DURATION', 'COST'],
    runs.map((r) => [r.id, `${r.jobName} (#${r.jobId})`, r.status, triggerText(r), r.attempt, timeIn(r.startedAt ?? r.createdAt), durationText(r.durationMs), money(r.costUsd)]),
    [undefined, 34],
  );
}

export function runDetails(r: Run): string {
  const t = r.tokens;
  const hasTokens = t.input + t.output + t.cacheRead + t.cacheCreation > 0;
  return keyValues([
    ['id', r.id],
    ['job', `${r.jobName} (#${r.jobId}, ${r.jobKind})`],
    ['status', r.status],
    ['trigger', r.trigger],
    ['after runs', r.upstreamRunIds.length ? r.upstreamRunIds.map((id) => `#${id}`).join(', ') : null],
    ['released runs', r.downstreamRunIds.length ? r.downstreamRunIds.map((id) => `#${id}`).join(', ') : null],
    ['attempt', r.retryOf === null ? r.attempt : `${r.attempt} (retry of run ${r.retryOf})`],
    ['scheduled', timeIn(r.scheduledFor)],
    ['started', timeIn(r.startedAt)],
    ['finished', timeIn(r.finishedAt)],
    ['duration', durationText(r.durationMs)],
    ['exit code', r.exitCode],
    ['error', r.error],
    ['deferred until', timeIn(r.deferredUntil)],
    ['session', r.sessionId],
    ['model', r.model],
    ['turns', r.numTurns],
    ['cost', money(r.costUsd)],
    ['tokens', hasTokens ? `${t.input} in, ${t.output} out, ${t.cacheRead} cache read, ${t.cacheCreation} cache write` : null],
    ['events', `${r.eventCount}${r.eventsTruncated ? ' (truncated)' : ''}`],
  ]);
}

/** One line for the end of a followed run. */
export function runOutcome(r: Run): string {
  const parts = [`run ${r.id} ${r.status.replace('_', ' ')}`];
  if (r.durationMs !== null) parts.push(`in ${durationText(r.durationMs)}`);
  if (r.costUsd !== null) parts.push(`(${money(r.costUsd)})`);
  const line = parts.join(' ');
  if (r.status === 'deferred_cooldown') return `${line}: waits for the usage limit to reset${r.deferredUntil ? ` at ${timeIn(r.deferredUntil)}` : ''}`;
  return r.error ? `${line}: ${r.error}` : line;
}

export function previewText(p: SchedulePreview): string {
  const lines = [p.description, '', 'Next runs:'];
  for (const at of p.nextRuns) lines.push(`  ${timeIn(at, p.timezone)}  (${at})`);
  if (p.nextRuns.length === 0) lines.push('  none');
  return lines.join('\n');
}

export function nextRunsText(job: Job, nextRuns: string[]): string {
  if (nextRuns.length === 0) return `Job ${job.id} has no upcoming runs (${scheduleText(job)}).`;
  return nextRuns.map((at) => `${timeIn(at, job.schedule.timezone)}  (${at})`).join('\n');
}

export function cooldownText(c: CooldownStatus): string {
  const pairs: [string, Cell][] = c.cooling
    ? [
        ['cooling', c.scope && c.scope !== 'all' ? `yes, for ${c.scope} runs only` : 'yes'],
        ['resets at', timeIn(c.resetsAt)],
        ['since', timeIn(c.since)],
        ['source', c.source],
        ['message', c.message],
      ]
    : [['cooling', 'no']];
  pairs.push(['deferred runs', c.deferredRuns]);
  if (c.warning) {
    const pct = c.warning.utilization === null ? '' : ` (${Math.round(c.warning.utilization * 100)}% used)`;
    pairs.push(['warning', `close to the usage limit${pct}${c.warning.resetsAt ? `, resets ${timeIn(c.warning.resetsAt)}` : ''}`]);
  }
  return keyValues(pairs);
}

export function usageTable(rows: UsageRow[], by: string): string {
  if (rows.length === 0) return 'No usage recorded.';
  const total = rows.reduce((sum, r) => sum + r.costUsd, 0);
  const body = table(
    [by.toUpperCase(), 'RUNS', 'INPUT', 'OUTPUT', 'CACHE READ', 'CACHE WRITE', 'COST'],
    rows.map((r) => [r.key, r.runs, r.tokens.input, r.tokens.output, r.tokens.cacheRead, r.tokens.cacheCreation, money(r.costUsd)]),
    [40],
  );
  return `${body}\n\ntotal cost: ${money(total)}`;
}

/** "Opus limit (seven_day_opus), resets 25 Nov 15:00: You've hit your Opus limit · …" */
function limitText(c: CooldownEntry): string {
  const what = c.scope === 'all' ? 'all Claude work' : `${c.scope} runs only`;
  const kind = c.needsUser ? 'needs you' : c.probeStep > 0 ? `probing again (step ${c.probeStep})` : c.limitType ?? 'limit';
  const when = c.clearedAt ? `ended ${timeIn(c.clearedAt) ?? c.clearedAt} (${c.clearedBy ?? 'reset'})` : `resets ${timeIn(c.resetsAt) ?? c.resetsAt}`;
  return `${what}, ${kind}, ${when}: ${c.message}`;
}

export function healthText(h: Health, cooldown: CooldownStatus): string {
  const claude = h.claude.path ? `${h.claude.path}${h.claude.version ? ` (${h.claude.version})` : ''}` : 'not found';
  const engine = h.engine.running
    ? `running (pid ${h.engine.pid ?? '?'} on ${h.engine.hostname ?? 'unknown host'}, since ${timeIn(h.engine.since) ?? '-'}, heartbeat ${timeIn(h.engine.heartbeatAt) ?? '-'})`
    : 'not running: jobs run only while the app or `cnp serve` is running';
  const pairs: [string, Cell][] = [
    ['version', h.version],
    ['claude', claude],
  ];
  if (h.claude.error) pairs.push(['claude problem', h.claude.error]);
  if (h.claudeLogin) {
    const state = h.claudeLogin.loggedIn === true ? 'logged in' : h.claudeLogin.loggedIn === false ? 'NOT logged in' : 'unknown';
    pairs.push(['claude login', `${state}: ${h.claudeLogin.detail}`]);
  }
  pairs.push(
    ['database', h.dbPath],
    ['schema', `version ${h.schemaVersion}`],
    ['engine', engine],
    ...(h.loginPath ? [['login PATH', loginPathText(h.loginPath)] as [string, Cell]] : []),
    ['cooldown', cooldown.cooling ? `cooling until ${timeIn(cooldown.resetsAt) ?? 'unknown'} (${cooldown.source ?? 'unknown source'})` : 'none'],
  );
  for (const c of cooldown.cooldowns ?? []) pairs.push(['current limit', limitText(c)]);
  if (cooldown.last) pairs.push(['last limit', limitText(cooldown.last)]);
  return keyValues(pairs);
}

/** "3 (ladder: 30s, 1m, 5m)" or "2 (exponential from 1m, at most 1h)". */
function retryText(job: Job): string {
  const r = job.retry;
  if (r.backoff === 'ladder' && r.delaysSeconds?.length) return `${r.maxRetries} (ladder: ${r.delaysSeconds.map((s) => formatDuration(s)).join(', ')})`;
  const growth = r.backoff === 'exponential' && r.multiplier !== undefined && r.multiplier !== 2 ? ` ×${r.multiplier}` : '';
  return `${r.maxRetries} (${r.backoff}${growth} from ${formatDuration(r.delaySeconds)}, at most ${formatDuration(r.maxDelaySeconds)})`;
}

/** "ok, the shell took 312 ms (/bin/bash): /usr/local/bin:…" or why runs use the process PATH. */
function loginPathText(l: NonNullable<Health['loginPath']>): string {
  const took = l.tookMs !== null ? `${l.tookMs} ms` : '-';
  if (l.status === 'ok') return `found in ${took} by ${l.shell ?? 'the login shell'}: ${l.path ?? ''}`;
  if (l.status === 'disabled') return 'not asked (CNP_LOGIN_PATH=0 or Windows): runs use the process PATH';
  if (l.status === 'unknown') return 'not known yet: runs use the process PATH';
  return `${l.error ?? l.status} (after ${took}); runs use the process PATH`;
}
