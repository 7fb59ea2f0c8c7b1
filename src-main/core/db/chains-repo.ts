import type { Database, Statement } from 'better-sqlite3';
import { Statements } from './statements';
import type { AfterMode, ChainCondition, JobLink, RunEventKind } from '../../../src-shared/domain';
import { parseJson } from './json';

/** One stored edge: `downstreamId` runs after `upstreamId` when the condition holds. */
export interface JobEdge {
  downstreamId: number;
  upstreamId: number;
  condition: ChainCondition;
}

/** An `all` downstream's open cycle: the latest final run of one of its upstreams. */
export interface PendingUpstream {
  upstreamJobId: number;
  upstreamRunId: number;
}

/**
 * The job graph (edges, `after_mode`) and the bookkeeping of chain runs: which upstream runs made
 * which chain run, and the open cycles of `all` downstreams.
 */
export class ChainsRepo {
  private readonly statements: Statements;

  constructor(private readonly db: Database) {
    this.statements = new Statements(db);
  }

  private prepare(sql: string): Statement {
    return this.statements.get(sql);
  }

  allEdges(): JobEdge[] {
    return this.prepare('SELECT downstream_id AS downstreamId, upstream_id AS upstreamId, condition FROM job_edges').all() as JobEdge[];
  }

  /** The edges into a job (what it runs after), by upstream id. */
  upstreamsOf(jobId: number): JobEdge[] {
    return this.prepare(
      'SELECT downstream_id AS downstreamId, upstream_id AS upstreamId, condition FROM job_edges WHERE downstream_id = ? ORDER BY upstream_id',
    ).all(jobId) as JobEdge[];
  }

  /** The edges out of a job (what runs after it), by downstream id. */
  downstreamsOf(jobId: number): JobEdge[] {
    return this.prepare(
      'SELECT downstream_id AS downstreamId, upstream_id AS upstreamId, condition FROM job_edges WHERE upstream_id = ? ORDER BY downstream_id',
    ).all(jobId) as JobEdge[];
  }

  /** Upstream links with names, for the job view. */
  afterLinks(jobId: number): JobLink[] {
    return this.prepare(
      `SELECT e.upstream_id AS jobId, j.name AS jobName, e.condition FROM job_edges e JOIN jobs j ON j.id = e.upstream_id
       WHERE e.downstream_id = ? ORDER BY e.upstream_id`,
    ).all(jobId) as JobLink[];
  }

  dependantLinks(jobId: number): JobLink[] {
    return this.prepare(
      `SELECT e.downstream_id AS jobId, j.name AS jobName, e.condition FROM job_edges e JOIN jobs j ON j.id = e.downstream_id
       WHERE e.upstream_id = ? ORDER BY e.downstream_id`,
    ).all(jobId) as JobLink[];
  }

  /**
   * Upstream and dependant links of many jobs at once (a page of the job list), in the order of
   * afterLinks and dependantLinks: two queries instead of two per job.
   */
  linksOf(jobIds: readonly number[]): Map<number, { after: JobLink[]; dependants: JobLink[] }> {
    const links = new Map<number, { after: JobLink[]; dependants: JobLink[] }>();
    if (!jobIds.length) return links;
    const of = (id: number) => {
      let l = links.get(id);
      if (!l) links.set(id, (l = { after: [], dependants: [] }));
      return l;
    };
    const ids = JSON.stringify(jobIds);
    type Row = { ownerId: number } & JobLink;
    const after = this.prepare(
      `SELECT e.downstream_id AS ownerId, e.upstream_id AS jobId, j.name AS jobName, e.condition FROM job_edges e JOIN jobs j ON j.id = e.upstream_id
       WHERE e.downstream_id IN (SELECT value FROM json_each(?)) ORDER BY e.downstream_id, e.upstream_id`,
    ).all(ids) as Row[];
    for (const { ownerId, ...link } of after) of(ownerId).after.push(link);
    const dependants = this.prepare(
      `SELECT e.upstream_id AS ownerId, e.downstream_id AS jobId, j.name AS jobName, e.condition FROM job_edges e JOIN jobs j ON j.id = e.downstream_id
       WHERE e.upstream_id IN (SELECT value FROM json_each(?)) ORDER BY e.upstream_id, e.downstream_id`,
    ).all(ids) as Row[];
    for (const { ownerId, ...link } of dependants) of(ownerId).dependants.push(link);
    return links;
  }

  /** Replaces a job's upstreams; an open cycle keeps only the upstreams that are still edges. */
  replaceUpstreams(jobId: number, links: { jobId: number; condition: ChainCondition }[]): void {
    this.prepare('DELETE FROM job_edges WHERE downstream_id = ?').run(jobId);
    const insert = this.prepare('INSERT INTO job_edges (downstream_id, upstream_id, condition) VALUES (?, ?, ?)');
    for (const l of links) insert.run(jobId, l.jobId, l.condition);
    this.prepare('DELETE FROM chain_pending WHERE job_id = ? AND upstream_job_id NOT IN (SELECT upstream_id FROM job_edges WHERE downstream_id = ?)').run(
      jobId,
      jobId,
    );
  }

  afterMode(jobId: number): AfterMode {
    const row = this.prepare('SELECT after_mode AS mode FROM jobs WHERE id = ?').get(jobId) as { mode: AfterMode } | undefined;
    return row?.mode ?? 'all';
  }

  setAfterMode(jobId: number, mode: AfterMode): void {
    this.prepare('UPDATE jobs SET after_mode = ? WHERE id = ?').run(mode, jobId);
  }

  /** True when this upstream run already released (or is waiting in the open cycle of) the job. */
  alreadyReleased(jobId: number, upstreamRunId: number): boolean {
    return (
      this.prepare(
        `SELECT 1 FROM run_upstreams WHERE job_id = ? AND upstream_run_id = ?
         UNION ALL SELECT 1 FROM chain_pending WHERE job_id = ? AND upstream_run_id = ? LIMIT 1`,
      ).get(jobId, upstreamRunId, jobId, upstreamRunId) !== undefined
    );
  }

  /** Records an upstream's final run in the job's open cycle; a newer run of it replaces the older. */
  addPending(jobId: number, upstreamJobId: number, upstreamRunId: number): void {
    this.prepare(
      `INSERT INTO chain_pending (job_id, upstream_job_id, upstream_run_id) VALUES (?, ?, ?)
       ON CONFLICT (job_id, upstream_job_id) DO UPDATE SET upstream_run_id = excluded.upstream_run_id`,
    ).run(jobId, upstreamJobId, upstreamRunId);
  }

  /** The open cycle of a job, limited to its current upstreams. */
  pending(jobId: number): PendingUpstream[] {
    return this.prepare(
      `SELECT p.upstream_job_id AS upstreamJobId, p.upstream_run_id AS upstreamRunId FROM chain_pending p
       JOIN job_edges e ON e.downstream_id = p.job_id AND e.upstream_id = p.upstream_job_id
       WHERE p.job_id = ? ORDER BY p.upstream_job_id`,
    ).all(jobId) as PendingUpstream[];
  }

  clearPending(jobId: number): void {
    this.prepare('DELETE FROM chain_pending WHERE job_id = ?').run(jobId);
  }

  /** Links a chain run to the upstream runs that made it; the unique key refuses a second release. */
  link(runId: number, jobId: number, upstreamRunIds: number[]): void {
    const insert = this.prepare('INSERT INTO run_upstreams (run_id, job_id, upstream_run_id) VALUES (?, ?, ?)');
    for (const up of upstreamRunIds) insert.run(runId, jobId, up);
  }

  upstreamRunIds(runId: number): number[] {
    return (this.prepare('SELECT upstream_run_id AS id FROM run_upstreams WHERE run_id = ? ORDER BY upstream_run_id').all(runId) as { id: number }[]).map(
      (r) => r.id,
    );
  }

  /**
   * The end of what a run printed, newest events first until `limit` characters are gathered, and
   * Claude's final answer (the `result` event) when it has one. Reads only as far back as needed.
   */
  outputTail(runId: number, limit: number): { output: string; result: string | null } {
    const rows = this.prepare(
      "SELECT kind, payload FROM run_events WHERE run_id = ? AND kind IN ('stdout', 'stderr', 'assistant', 'result') ORDER BY seq DESC",
    ).iterate(runId) as IterableIterator<{ kind: RunEventKind; payload: string }>;
    const parts: string[] = [];
    let size = 0;
    let result: string | null = null;
    for (const row of rows) {
      const payload = parseJson<Record<string, unknown>>(row.payload, {});
      if (row.kind === 'result') {
        if (result === null && typeof payload.result === 'string') result = tail(payload.result, limit);
        continue;
      }
      const text = row.kind === 'assistant' ? assistantText(payload) : typeof payload.text === 'string' ? payload.text : '';
      if (!text) continue;
      parts.push(text);
      size += text.length + 1;
      if (size >= limit) break;
    }
    return { output: tail(parts.reverse().join('\n'), limit), result };
  }
}

function tail(text: string, limit: number): string {
  return text.length <= limit ? text : `…${text.slice(text.length - limit + 1)}`;
}

/** The text blocks of a stream-json `assistant` line. */
function assistantText(line: Record<string, unknown>): string {
  const message = line.message as { content?: unknown } | undefined;
  if (!Array.isArray(message?.content)) return '';
  return message.content
    .map((b: unknown) => (typeof b === 'object' && b !== null && (b as { type?: unknown }).type === 'text' ? String((b as { text?: unknown }).text ?? '') : ''))
    .filter(Boolean)
    .join('\n');
}
