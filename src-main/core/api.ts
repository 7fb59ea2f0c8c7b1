import { z } from 'zod';
import { LOGIN_PATH_STATE_KEY, loginPathHealth, type LoginPathResult } from './executors/login-path';
import type { CallOutput, Channel, EngineStatus, ParsedInput } from '../../src-shared/contract';
import { contract, isChannel } from '../../src-shared/contract';
import { AppError, type AppErrorShape, type Result } from '../../src-shared/errors';
import { claudeVersion, locateClaude } from './executors/claude/locate';
import { claudeLoginStatus } from './executors/claude/login-status';
import { NOT_LOGGED_IN_PREFIX } from './cooldown/classify';
import type { CoreContext } from './services/context';
import { clearCooldown, cooldownStatus } from './services/cooldown-service';
import * as jobs from './services/jobs-service';
import * as prompts from './services/prompts-service';
import * as runs from './services/runs-service';
import { dashboardSummary, usageSummary } from './services/usage-service';
import { sinceLastVisit } from './services/overview-service';
import { usageMeters } from './services/usage-meters-service';
import { iso } from './db/json';
import { describeStoreError } from './db/open';
import { exportJobs } from './job-files/export';
import { importJobsFile } from './job-files/import';
import { importLegacy } from './legacy/import';
import { dismissLegacy, legacyOffer } from './legacy/offer';
import { redactCallOutput } from './redaction/outputs';
import { LEASE_STALE_MS } from './db/lease-repo';
import { acknowledgeAlert, listAlerts } from './alerts/alerts-service';
import * as channels from './notify/channels-service';
import { listAudit } from './services/audit-service';
import { statsSummary } from './services/stats-service';
import { saveRawLog } from './services/raw-log-service';

/** One handler per contract call; leaving one out does not compile. */
export type ApiImplementation = { [C in Channel]: (input: ParsedInput<C>) => CallOutput<C> | Promise<CallOutput<C>> };

export function createApi(ctx: CoreContext): ApiImplementation {
  return withStoreErrors(handlers(ctx), ctx.store);
}

/**
 * A read-only, full or damaged file met half way through a call becomes the same sentence, naming
 * the path and the fix, that opening such a file gives.
 */
function withStoreErrors(api: ApiImplementation, store: CoreContext['store']): ApiImplementation {
  const wrapped: Record<string, (input: unknown) => unknown> = {};
  for (const [channel, handler] of Object.entries(api) as [string, (input: unknown) => unknown][]) {
    wrapped[channel] = (input) => {
      const describe = (err: unknown) => describeStoreError(err, storePath(store));
      try {
        const out = handler(input);
        return out instanceof Promise ? out.catch((err: unknown) => Promise.reject(describe(err))) : out;
      } catch (err) {
        throw describe(err);
      }
    };
  }
  return wrapped as ApiImplementation;
}

/** `cron explain` runs on a store that refuses every use; its path is never needed. */
function storePath(store: CoreContext['store']): string {
  try {
    return store.path;
  } catch {
    return '(no database)';
  }
}

function handlers(ctx: CoreContext): ApiImplementation {
  const { store } = ctx;
  return {
    'prompts.create': (i) => prompts.createPrompt(ctx, i),
    'prompts.list': (i) => store.prompts.list({ ...(i.tag ? { tag: i.tag } : {}), ...(i.search ? { search: i.search } : {}) }),
    'prompts.get': (i) => prompts.getPrompt(ctx, i.id),
    'prompts.update': (i) => prompts.updatePrompt(ctx, i),
    'prompts.delete': (i) => prompts.deletePrompt(ctx, i.id),

    'jobs.create': (i) => jobs.createJob(ctx, i),
    'jobs.list': (i) =>
      jobs.listJobs(ctx, {
        ...(i.tag ? { tag: i.tag } : {}),
        ...(i.enabled !== undefined ? { enabled: i.enabled } : {}),
        ...(i.kind ? { kind: i.kind } : {}),
        ...(i.search ? { search: i.search } : {}),
        ...(i.limit !== undefined ? { limit: i.limit } : {}),
        ...(i.offset !== undefined ? { offset: i.offset } : {}),
      }),
    'jobs.get': (i) => jobs.viewJob(ctx, jobs.getJobRecord(ctx, i.id)),
    'jobs.update': (i) => jobs.updateJob(ctx, i.id, i.patch),
    'jobs.delete': (i) => jobs.deleteJob(ctx, i.id),
    'jobs.pause': (i) => jobs.setJobEnabled(ctx, i.id, false),
    'jobs.resume': (i) => jobs.setJobEnabled(ctx, i.id, true),
    'jobs.previewSchedule': (i) => jobs.previewSchedule(ctx, i),
    'jobs.runNow': (i) => runs.queueRunNow(ctx, i.id),

    'runs.list': (i) => runs.listRuns(ctx, i),
    'runs.get': (i) => runs.getRun(ctx, i.id),
    'runs.events': (i) => runs.runEvents(ctx, i.runId, i.afterSeq, i.limit),
    'runs.cancel': (i) => runs.cancelRun(ctx, i.id),
    'runs.retry': (i) => runs.retryRun(ctx, i.id),
    'runs.saveRawLog': (i) => saveRawLog(ctx, i.runId),

    'cooldown.status': () => cooldownStatus(store, ctx.now()),
    'cooldown.clear': () => clearCooldown(ctx),
    'cooldown.meters': () => usageMeters(ctx),
    'usage.summary': (i) => usageSummary(ctx, i),
    'dashboard.summary': () => dashboardSummary(ctx),
    'overview.sinceLastVisit': (i) => sinceLastVisit(ctx, i),

    'settings.get': () => store.settings.getAll(),
    'settings.set': (i) => {
      const patch = Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined));
      const s = store.settings.setMany(patch);
      store.audit.record(ctx.actor, 'settings.set', null, { keys: Object.keys(patch) });
      ctx.engine?.wake();
      return s;
    },
    'system.health': async () => ({
      ok: true as const,
      version: ctx.version,
      dbPath: store.path,
      schemaVersion: store.schemaVersion(),
      engine: engineStatus(ctx),
      claude: await claudeVersion(locateClaude(store.settings.getAll().claudePath)),
      claudeLogin: claudeLoginStatus(process.env, ctx.now(), store.runs.lastClaudeAuthFailure(NOT_LOGGED_IN_PREFIX)),
      loginPath: loginPathHealth(store.state.get<LoginPathResult>(LOGIN_PATH_STATE_KEY)),
    }),
    'system.engine': () => engineStatus(ctx),
    'system.version': () => ({ version: ctx.version }),

    'jobFiles.export': (i) => exportJobs(ctx, i.tag ? { tag: i.tag } : {}),
    'jobFiles.import': (i) => importJobsFile(ctx, i),
    'legacy.discover': () => legacyOffer(ctx),
    'legacy.import': (i) => importLegacy(ctx, i),
    'legacy.dismiss': (i) => dismissLegacy(ctx, i.path),
    'audit.list': (i) => listAudit(ctx, i),
    'alerts.list': (i) => listAlerts(ctx, i),
    'alerts.acknowledge': (i) => acknowledgeAlert(ctx, i.id),
    'channels.list': () => channels.listChannels(ctx),
    'channels.add': (i) => channels.addChannel(ctx, i),
    'channels.update': (i) => channels.updateChannel(ctx, i),
    'channels.remove': (i) => channels.removeChannel(ctx, i.id),
    'channels.test': (i) => channels.testChannel(ctx, i.id, ctx.notifier),
    'stats.summary': (i) => statsSummary(ctx, i),
  };
}

/** Who schedules this database: a fresh lease whose holder process is not known to be gone. */
function engineStatus(ctx: CoreContext): EngineStatus {
  const lease = ctx.store.lease.live(ctx.now(), LEASE_STALE_MS);
  return {
    running: lease !== null,
    holder: lease?.holder ?? null,
    pid: lease?.pid ?? null,
    hostname: lease?.hostname ?? null,
    since: iso(lease?.acquiredAt),
    heartbeatAt: iso(lease?.heartbeatAt),
    inThisProcess: ctx.engine !== null && lease?.holder === ctx.engine.holder,
  };
}

/** Zod's complaint as our error: the first issue, with the field path dotted. */
export function zodToAppError(err: z.ZodError): AppError {
  const issue = err.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid input';
  return new AppError('VALIDATION', message, field ? { field } : {});
}

export function toErrorShape(err: unknown): AppErrorShape {
  if (err instanceof AppError) return err.toShape();
  if (err instanceof z.ZodError) return zodToAppError(err).toShape();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}` };
}

/**
 * The single entry every transport uses (IPC, HTTP, CLI): validate the raw input with the call's
 * schema, run the handler, and wrap the outcome in the result envelope. Never throws.
 */
export async function invoke(api: ApiImplementation, channel: string, raw: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown call "${channel}"` } };
  const parsed = contract[channel].input.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, error: zodToAppError(parsed.error).toShape() };
  try {
    const handler = api[channel] as (input: unknown) => unknown;
    // Secrets stay stored but never leave in clear, whatever the transport.
    return { ok: true, value: redactCallOutput(channel, (await handler(parsed.data)) as never, parsed.data as never) };
  } catch (err) {
    return { ok: false, error: toErrorShape(err) };
  }
}
