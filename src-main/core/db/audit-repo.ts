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

export class AuditRepo {
  constructor(private readonly db: Database) {}

  record(actor: Actor, action: string, jobId: number | null, details: Record<string, unknown> = {}, now = Date.now()): void {
    this.db.prepare('INSERT INTO audit_log (ts, actor, action, job_id, details) VALUES (?, ?, ?, ?, ?)').run(now, actor, action, jobId, JSON.stringify(details));
  }

  recent(limit = 100): AuditEntry[] {
    return (
      this.db.prepare('SELECT id, ts, actor, action, job_id, details FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as {
        id: number;
        ts: number;
        actor: Actor;
        action: string;
        job_id: number | null;
        details: string;
      }[]
    ).map((r) => ({ id: r.id, ts: r.ts, actor: r.actor, action: r.action, jobId: r.job_id, details: r.details }));
  }
}
