import type { JobKind, Run, Settings } from '../../src-shared/domain';
import type { JobRecord } from './db/jobs-repo';
import type { RunRecord } from './db/runs-repo';
import { enterCooldown, planClaudeRun, resumeAt } from './cooldown/cooldown-state';
import { OUTCOME_HANDLING } from './cooldown/outcome-classes';
import type { Store } from './db/store';
import type { EventBus } from './events/bus';
import { openRunSink } from './raw-log/sink';
import { prepareExitStatusFile, runToken, takeExitStatus } from './executors/supervision/supervisor';
import type { EventSink } from './executors/event-sink';
import type { ExecutionResult, Executor } from './executors/types';
import { retryDelayMs, shouldRetry } from './scheduler/retry';
import { USAGE_WARNING_KEY, cooldownStatus } from './services/cooldown-service';
import type { RunFinishedListener } from './notify/run-finished';
import type { AlertChange } from './alerts/alert-center';
import { noticeLimitNeedsUser, noticeRunFinished } from './alerts/run-alerts';
import { releaseDownstream } from './chains/release';
import { fillUpstreamPlaceholders, upstreamEnv, upstreamFacts } from './chains/upstream-facts';

export interface RunnerDeps {
  store: Store;
  bus: EventBus | null;
  executors: Record<JobKind, Executor>;
  /** The environment runs start from; the engine has it ready (a promise only for the one-off CLI run). */
  baseEnv(): NodeJS.ProcessEnv | Promise<NodeJS.ProcessEnv>;
  now(): number;
  onSpawn?(runId: number, pid: number | undefined): void;
  onFinished?: RunFinishedListener;
  /** Alerts this run opened or resolved; their deliveries are pending in the DB meanwhile. */
  onAlerts?(changes: AlertChange[]): void;
}

/** A claimed run with its job and the settings in force, as the engine has them in memory. */
export interface ClaimedRun {
  run: RunRecord;
  job: JobRecord;
  settings: Settings;
}

/**
 * Executes one run that has already been claimed (status `running`): resolves its work, runs the
 * executor, stores the outcome, and decides what follows — a retry, or a cooldown deferral when
 * Claude's usage limit was hit (which is not a failure and uses no attempt).
 */
export async function executeClaimedRun(deps: RunnerDeps, runId: number, signal: AbortSignal, known?: ClaimedRun): Promise<Run | null> {
  const { store } = deps;
  // The engine passes what it already holds, so nothing between "due" and "spawn" reads the DB again.
  const run = known?.run ?? store.runs.get(runId);
  const job = known?.job ?? (run ? store.jobs.get(run.jobId) : null);
  if (!run || !job) return null;
  const settings = known?.settings ?? store.settings.getAll();
  // The run's log (its file, a row update) opens right after the spawn, or on first use if that
  // comes earlier (a worktree note, an HTTP request): nothing that can wait sits between "due" and
  // "spawn". Opened in onSpawn, a failure to open it fails the run as a failure to store its pid does.
  let sink: EventSink | null = null;
  const openEvents = (): EventSink => (sink ??= openRunSink(store, deps.bus, runId, settings, deps.now));

  const exitStatusFile = prepareExitStatusFile(store.path, runId);
  let prompt: string | null = null;
  let result: ExecutionResult;
  // A chain run (and its retries) hears about the run(s) that released it: env vars, and prompt placeholders.
  const upstream = upstreamFacts(store, run.retryOf ?? run.id);
  if (job.kind === 'claude') {
    prompt = job.promptId !== null ? (store.prompts.get(job.promptId)?.body ?? null) : (job.payload.prompt ?? null);
    if (prompt) prompt = fillUpstreamPlaceholders(prompt, upstream);
  }
  if (job.kind === 'claude' && !prompt) {
    result = { status: 'failed', exitCode: null, error: 'The job has no prompt (was its library prompt deleted?)', errorKind: 'permanent' };
  } else {
    // While the job's model family is limited, a job that opted in runs on its fallback model.
    const modelOverride = job.kind === 'claude' ? planClaudeRun(store, job, deps.now()).modelOverride : undefined;
    try {
      // Awaited only when it is a promise: the engine's spawn then happens in the same turn as the fire.
      const env = deps.baseEnv();
      const baseEnv = env instanceof Promise ? await env : env;
      result = await deps.executors[job.kind].execute({
        ...(modelOverride !== undefined ? { modelOverride } : {}),
        now: deps.now,
        run,
        job,
        prompt,
        settings,
        signal,
        get events() {
          return openEvents();
        },
        onSpawn: (pid, startTime) => {
          deps.onSpawn?.(runId, pid);
          store.runs.setPid(runId, pid ?? null, startTime ?? null);
          openEvents();
        },
        processToken: runToken(runId, run.engineId),
        exitStatusFile,
        baseEnv: { ...baseEnv, ...runIdentityEnv(run), ...upstreamEnv(upstream) },
        timeoutMs: job.timeoutMs ?? settings.defaultTimeoutSeconds * 1000,
      });
    } catch (err) {
      result = { status: 'failed', exitCode: null, error: `Internal error while running: ${(err as Error).message}`, errorKind: 'transient' };
    }
  }
  const events = openEvents();
  await events.close();
  // The supervisor's record of the exit goes once the outcome is stored, not before: an engine dying
  // in between leaves the record for the next one, which then stores the run as finished.
  const dropExitRecord = () => {
    if (exitStatusFile) takeExitStatus(store.path, runId);
  };
  const now = deps.now();

  if (result.outcomeClass) {
    const handling = OUTCOME_HANDLING[result.outcomeClass];
    deps.bus?.emit('claude.outcome', {
      runId,
      jobId: job.id,
      jobName: job.name,
      outcome: result.outcomeClass,
      alert: handling.alert,
      message: result.error,
      at: new Date(now).toISOString(),
    });
  }

  if (result.usageWarning) {
    store.state.set(USAGE_WARNING_KEY, { at: now, ...result.usageWarning });
    deps.bus?.emit('cooldown.changed', cooldownStatus(store, now));
  }

  if (result.usageLimit) {
    const cooldown = enterCooldown(store, result.usageLimit, runId, now, settings);
    const until = resumeAt(cooldown, settings);
    events.add('system', { type: 'deferred_cooldown', message: result.usageLimit.message, resetsAt: new Date(cooldown.resetsAt).toISOString() });
    events.flush();
    store.runs.defer(runId, until, `Waiting for the Claude usage limit to reset: ${result.usageLimit.message}`, {
      endedAt: now,
      exitCode: result.exitCode,
      sessionId: result.sessionId ?? null,
      model: result.model ?? null,
      numTurns: result.numTurns ?? null,
      costUsd: result.costUsd ?? null,
      ...(result.tokens ? { tokens: result.tokens } : {}),
    });
    dropExitRecord();
    // Its own model family is limited, but the job may run on its fallback: back in the queue now.
    if (planClaudeRun(store, job, now).modelOverride !== undefined) store.runs.requeueOne(runId);
    deps.bus?.emit('cooldown.changed', cooldownStatus(store, now));
    const view = store.runs.view(runId);
    if (view) {
      deps.bus?.emit('run.updated', view);
      // A spend or organisation limit waits like a cooldown but will not lift by itself: alert.
      if (result.usageLimit.needsUser) noticeAlerts(deps, () => noticeLimitNeedsUser(store, view, result.usageLimit!.message, now));
    }
    return view;
  }

  // The outcome, then either the retry or (the run's state being final) the chain runs it
  // releases: one transaction, so a crash can neither lose nor double what follows.
  let retryId: number | null = null;
  let chained: number[] = [];
  store.db.transaction(() => {
    store.runs.finish(
      runId,
      {
        status: result.status,
        exitCode: result.exitCode,
        error: result.error,
        errorKind: result.errorKind,
        sessionId: result.sessionId ?? null,
        model: result.model ?? null,
        numTurns: result.numTurns ?? null,
        costUsd: result.costUsd ?? null,
        ...(result.tokens ? { tokens: result.tokens } : {}),
      },
      now,
    );

    if (shouldRetry(job.retry, run.attempt, result.status, result.errorKind)) {
      retryId = store.runs.insert(
        {
          jobId: job.id,
          trigger: 'retry',
          status: 'queued',
          priority: job.priority,
          scheduledFor: run.scheduledFor,
          attempt: run.attempt + 1,
          retryOf: run.retryOf ?? run.id,
          notBefore: now + retryDelayMs(job.retry, run.attempt),
        },
        now,
      );
    } else {
      chained = releaseDownstream(store, runId, now, settings);
    }
  })();
  dropExitRecord();
  const view = store.runs.view(runId);
  if (view) {
    deps.bus?.emit('run.updated', view);
    deps.onFinished?.(view, job, retryId);
    noticeAlerts(deps, () => noticeRunFinished(store, view, { retryQueued: retryId !== null, outcomeClass: result.outcomeClass }, now));
  }
  for (const id of chained) {
    const next = store.runs.view(id);
    if (next) deps.bus?.emit('run.updated', next);
  }
  return view;
}

/** Alerts are a side matter: a problem judging them never changes the run's outcome. */
function noticeAlerts(deps: RunnerDeps, notice: () => AlertChange[]): void {
  try {
    const changes = notice();
    if (changes.length) deps.onAlerts?.(changes);
  } catch {
    // The DB may be busy; the next run or check looks again.
  }
}

/** Which run a command is: lets a script log, name files or report back per run and slot. */
function runIdentityEnv(run: { id: number; jobId: number; attempt: number; scheduledFor: number | null }): Record<string, string> {
  return {
    CNP_RUN_ID: String(run.id),
    CNP_JOB_ID: String(run.jobId),
    CNP_ATTEMPT: String(run.attempt),
    ...(run.scheduledFor !== null ? { CNP_SCHEDULED_FOR: new Date(run.scheduledFor).toISOString() } : {}),
  };
}
