import type { Database } from 'better-sqlite3';

export type Actor = 'ui' | 'cli' | 'system';

export interface AuditEntry {
  id: number;
  ts: number;
  actor: Actor;
  action: string;
  jobId: number | null;
  details: string;
}

export interface AuditFilter {
  jobId?: number;
  actor?: Actor;
  action?: string;
  since?: number;
  until?: number;
  limit: number;
  offset: number;
}

interface AuditRow {
  id: number;
  ts: number;
  actor: Actor;
  action: string;
  job_id: number | null;
  details: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({ id: r.id, ts: r.ts, actor: r.actor, action: r.action, jobId: r.job_id, details: r.details });

export class AuditRepo {
  constructor(private readonly db: Database) {}

  record(actor: Actor, action: string, jobId: number | null, details: Record<string, unknown> = {}, now = Date.now()): void {
    this.db.prepare('INSERT INTO audit_log (ts, actor, action, job_id, details) VALUES (?, ?, ?, ?, ?)').run(now, actor, action, jobId, JSON.stringify(details));
  }

  recent(limit = 100): AuditEntry[] {
    return (this.db.prepare('SELECT id, ts, actor, action, job_id, details FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as AuditRow[]).map(toEntry);
  }

  /** Newest first. `action` matches exactly, or a whole family with a trailing `*` (`job.*`). */
  list(f: AuditFilter): { items: AuditEntry[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (f.jobId !== undefined) {
      where.push('job_id = @jobId');
      params.jobId = f.jobId;
    }
    if (f.actor !== undefined) {
      where.push('actor = @actor');
      params.actor = f.actor;
    }
    if (f.action !== undefined) {
      if (f.action.endsWith('*')) {
        where.push("action LIKE @action ESCAPE '\\'");
        params.action = `${f.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      } else {
        where.push('action = @action');
        params.action = f.action;
      }
    }
    if (f.since !== undefined) {
      where.push('ts >= @since');
      params.since = f.since;
    }
    if (f.until !== undefined) {
      where.push('ts <= @until');
      params.until = f.until;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT id, ts, actor, action, job_id, details FROM audit_log ${clause} ORDER BY ts DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: f.limit, offset: f.offset }) as AuditRow[];
    return { items: rows.map(toEntry), total };
  }
}
