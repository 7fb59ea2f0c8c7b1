import type { SinceLastVisit } from '../../../src-shared/contract';
import type { RunStatus } from '../../../src-shared/domain';
import { parseJson } from '../db/json';
import type { CoreContext } from './context';

const DAY = 86_400_000;
/** Each list is a morning's reading, not an archive: the newest items, with a count of the rest. */
const LIST_CAP = 50;
const EXCERPT_CHARS = 300;
const ANSWER_CHARS = 2_000;

const PROBLEM_STATUSES: RunStatus[] = ['failed', 'timed_out', 'interrupted'];
const WAITING_STATUSES: RunStatus[] = ['deferred_cooldown', 'skipped'];

interface RunLine {
  id: number;
  job_id: number;
  name: string;
  status: RunStatus;
  error: string | null;
  at: number;
  scheduled_for: number | null;
}

function excerpt(text: string, max: number): string {
  const flat = text.trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Text of a stored event payload: stdout/stderr are strings, Claude lines are objects. */
function payloadText(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  if (payload && typeof payload === 'object' && typeof (payload as { text?: unknown }).text === 'string') return (payload as { text: string }).text;
  return '';
}

/**
 * What happened while the user was away (the morning review): runs that went wrong with why, slots
 * that waited or were skipped with their reason, Claude's final answers, and what it all cost.
 * `since` defaults to a day ago; everything is read from the runs and their stored events.
 */
export function sinceLastVisit(ctx: CoreContext, input: { since?: string | undefined }): SinceLastVisit {
  const now = ctx.now();
  const since = input.since ? Date.parse(input.since) : now - DAY;
  const db = ctx.store.db;
  const at = 'COALESCE(r.finished_at, r.started_at, r.created_at)';
  const linesOf = (statuses: RunStatus[]) => {
    const marks = statuses.map(() => '?').join(', ');
    const rows = db
      .prepare(
        `SELECT r.id, r.job_id, j.name, r.status, r.error, ${at} AS at, r.scheduled_for
         FROM runs r JOIN jobs j ON j.id = r.job_id
         WHERE r.status IN (${marks}) AND ${at} >= ? ORDER BY at DESC, r.id DESC LIMIT ?`,
      )
      .all(...statuses, since, LIST_CAP) as RunLine[];
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM runs r WHERE r.status IN (${marks}) AND ${at} >= ?`).get(...statuses, since) as { n: number }).n;
    return { rows, total };
  };
  const lastStderr = db.prepare("SELECT payload FROM run_events WHERE run_id = ? AND kind = 'stderr' ORDER BY seq DESC LIMIT 3");
  const resultOf = db.prepare("SELECT payload FROM run_events WHERE run_id = ? AND kind = 'result' ORDER BY seq DESC LIMIT 1");

  const problems = linesOf(PROBLEM_STATUSES);
  const waiting = linesOf(WAITING_STATUSES);

  const claudeRuns = db
    .prepare(
      `SELECT r.id, r.job_id, j.name, r.status, r.error, ${at} AS at, r.scheduled_for
       FROM runs r JOIN jobs j ON j.id = r.job_id
       WHERE j.kind = 'claude' AND r.status = 'succeeded' AND ${at} >= ? ORDER BY at DESC, r.id DESC LIMIT ?`,
    )
    .all(since, LIST_CAP) as RunLine[];

  const spend = db
    .prepare(
      `SELECT COUNT(*) AS runs, SUM(status = 'succeeded') AS ok, SUM(status IN ('failed', 'timed_out', 'interrupted')) AS bad,
         COALESCE(SUM(cost_usd), 0) AS cost, COALESCE(SUM(input_tokens), 0) AS input, COALESCE(SUM(output_tokens), 0) AS output,
         COALESCE(SUM(cache_read_tokens), 0) AS cache_read, COALESCE(SUM(cache_creation_tokens), 0) AS cache_creation
       FROM runs r WHERE ${at} >= ?`,
    )
    .get(since) as { runs: number; ok: number | null; bad: number | null; cost: number; input: number; output: number; cache_read: number; cache_creation: number };

  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    since: new Date(since).toISOString(),
    until: new Date(now).toISOString(),
    problems: {
      total: problems.total,
      items: problems.rows.map((r) => {
        const stderr = (lastStderr.all(r.id) as { payload: string }[]).reverse().map((e) => payloadText(parseJson<unknown>(e.payload, e.payload)));
        // The engine's sentence (exit code, timeout) and what the job itself said last on stderr.
        const why = [r.error, ...stderr].filter(Boolean).join('\n');
        return { runId: r.id, jobId: r.job_id, jobName: r.name, status: r.status, at: iso(r.at)!, excerpt: why ? excerpt(why, EXCERPT_CHARS) : null };
      }),
    },
    waiting: {
      total: waiting.total,
      items: waiting.rows.map((r) => ({ runId: r.id, jobId: r.job_id, jobName: r.name, status: r.status, at: iso(r.at)!, scheduledFor: iso(r.scheduled_for), reason: r.error })),
    },
    answers: claudeRuns.flatMap((r) => {
      const row = resultOf.get(r.id) as { payload: string } | undefined;
      const payload = row ? parseJson<unknown>(row.payload, null) : null;
      const text = payload && typeof payload === 'object' ? (payload as { result?: unknown }).result : null;
      return typeof text === 'string' && text.trim() ? [{ runId: r.id, jobId: r.job_id, jobName: r.name, at: iso(r.at)!, text: excerpt(text, ANSWER_CHARS) }] : [];
    }),
    spend: {
      runs: spend.runs,
      succeeded: spend.ok ?? 0,
      failed: spend.bad ?? 0,
      costUsd: Math.round(spend.cost * 1e6) / 1e6,
      tokens: { input: spend.input, output: spend.output, cacheRead: spend.cache_read, cacheCreation: spend.cache_creation },
    },
  };
}
