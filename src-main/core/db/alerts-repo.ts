import type { Database } from 'better-sqlite3';
import { Statements } from './statements';
import type { AlertDelivery, AlertKind } from '../../../src-shared/ops';
import { parseJson } from './json';

export interface AlertRecord {
  id: number;
  kind: AlertKind;
  conditionKey: string;
  jobId: number | null;
  title: string;
  cause: string;
  runIds: number[];
  openedAt: number;
  resolvedAt: number | null;
  resolution: string | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

interface Row {
  id: number;
  kind: AlertKind;
  condition_key: string;
  job_id: number | null;
  title: string;
  cause: string;
  run_ids: string;
  opened_at: number;
  resolved_at: number | null;
  resolution: string | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
}

const toRecord = (r: Row): AlertRecord => ({
  id: r.id,
  kind: r.kind,
  conditionKey: r.condition_key,
  jobId: r.job_id,
  title: r.title,
  cause: r.cause,
  runIds: parseJson<number[]>(r.run_ids, []),
  openedAt: r.opened_at,
  resolvedAt: r.resolved_at,
  resolution: r.resolution,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by,
});

export interface DeliveryRecord {
  id: number;
  alertId: number;
  channelId: number;
  event: AlertDelivery['event'];
  status: AlertDelivery['status'];
  createdAt: number;
  attemptedAt: number | null;
  error: string | null;
}

interface DeliveryRow {
  id: number;
  alert_id: number;
  channel_id: number;
  event: AlertDelivery['event'];
  status: AlertDelivery['status'];
  created_at: number;
  attempted_at: number | null;
  error: string | null;
  channel_name?: string | null;
}

const toDelivery = (r: DeliveryRow): DeliveryRecord => ({
  id: r.id,
  alertId: r.alert_id,
  channelId: r.channel_id,
  event: r.event,
  status: r.status,
  createdAt: r.created_at,
  attemptedAt: r.attempted_at,
  error: r.error,
});

export interface NewAlert {
  kind: AlertKind;
  conditionKey: string;
  jobId: number | null;
  title: string;
  cause: string;
  runIds: number[];
}

/**
 * Alerts and their deliveries. The partial unique index on open alerts makes "one open alert per
 * condition" a database fact: two processes noticing the same condition open it once.
 */
export class AlertsRepo {
  private readonly statements: Statements;

  constructor(db: Database) {
    this.statements = new Statements(db);
  }

  get(id: number): AlertRecord | null {
    const r = this.statements.get('SELECT * FROM alerts WHERE id = ?').get(id) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  openFor(conditionKey: string): AlertRecord | null {
    const r = this.statements.get('SELECT * FROM alerts WHERE condition_key = ? AND resolved_at IS NULL').get(conditionKey) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  allOpen(): AlertRecord[] {
    return (this.statements.get('SELECT * FROM alerts WHERE resolved_at IS NULL ORDER BY id').all() as Row[]).map(toRecord);
  }

  countOpenByKind(): Record<string, number> {
    const rows = this.statements.get('SELECT kind, COUNT(*) AS n FROM alerts WHERE resolved_at IS NULL GROUP BY kind').all() as { kind: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  }

  /** Opens the alert unless one is open for the condition already; returns the new one or null. */
  open(a: NewAlert, now: number): AlertRecord | null {
    const info = this.statements
      .get(
        `INSERT INTO alerts (kind, condition_key, job_id, title, cause, run_ids, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (condition_key) WHERE resolved_at IS NULL DO NOTHING`,
      )
      .run(a.kind, a.conditionKey, a.jobId, a.title, a.cause, JSON.stringify(a.runIds), now);
    return info.changes ? this.get(Number(info.lastInsertRowid)) : null;
  }

  /** Resolves the open alert of a condition; returns it, or null when none was open. */
  resolve(conditionKey: string, resolution: string, now: number): AlertRecord | null {
    const open = this.openFor(conditionKey);
    if (!open) return null;
    const info = this.statements.get('UPDATE alerts SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL').run(now, resolution, open.id);
    return info.changes ? this.get(open.id) : null;
  }

  acknowledge(id: number, by: string, now: number): AlertRecord | null {
    this.statements.get('UPDATE alerts SET acknowledged_at = COALESCE(acknowledged_at, ?), acknowledged_by = COALESCE(acknowledged_by, ?) WHERE id = ?').run(now, by, id);
    return this.get(id);
  }

  list(f: { status: 'open' | 'resolved' | 'all'; kind?: AlertKind; jobId?: number; limit: number; offset: number }): { items: AlertRecord[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (f.status === 'open') where.push('resolved_at IS NULL');
    if (f.status === 'resolved') where.push('resolved_at IS NOT NULL');
    if (f.kind) {
      where.push('kind = @kind');
      params.kind = f.kind;
    }
    if (f.jobId !== undefined) {
      where.push('job_id = @jobId');
      params.jobId = f.jobId;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.statements.get(`SELECT COUNT(*) AS n FROM alerts ${clause}`).get(params) as { n: number }).n;
    const rows = this.statements.get(`SELECT * FROM alerts ${clause} ORDER BY id DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit: f.limit, offset: f.offset }) as Row[];
    return { items: rows.map(toRecord), total };
  }

  // ---- deliveries

  /** One row per (alert, channel, event): a second process asking again adds nothing. */
  addDelivery(alertId: number, channelId: number, event: AlertDelivery['event'], now: number): void {
    this.statements
      .get(`INSERT INTO alert_deliveries (alert_id, channel_id, event, status, created_at) VALUES (?, ?, ?, 'pending', ?) ON CONFLICT DO NOTHING`)
      .run(alertId, channelId, event, now);
  }

  hasUnfinishedDeliveries(): boolean {
    return this.statements.get("SELECT 1 FROM alert_deliveries WHERE status IN ('pending', 'sending') LIMIT 1").get() !== undefined;
  }

  pendingDeliveries(): DeliveryRecord[] {
    return (this.statements.get("SELECT * FROM alert_deliveries WHERE status = 'pending' ORDER BY id").all() as DeliveryRow[]).map(toDelivery);
  }

  /** Atomically takes a pending delivery; false when another process took it first. */
  claimDelivery(id: number, now: number): boolean {
    return this.statements.get("UPDATE alert_deliveries SET status = 'sending', attempted_at = ? WHERE id = ? AND status = 'pending'").run(now, id).changes > 0;
  }

  finishDelivery(id: number, status: 'sent' | 'failed' | 'rate_limited', error: string | null, now: number): void {
    this.statements.get('UPDATE alert_deliveries SET status = ?, error = ?, attempted_at = ? WHERE id = ?').run(status, error, now, id);
  }

  /** Deliveries a channel actually attempted since `since`: what its rate limit counts. */
  attemptsSince(channelId: number, since: number): number {
    return (
      this.statements.get("SELECT COUNT(*) AS n FROM alert_deliveries WHERE channel_id = ? AND attempted_at >= ? AND status IN ('sending', 'sent', 'failed')").get(channelId, since) as {
        n: number;
      }
    ).n;
  }

  /** A delivery left `sending` by a process that died is not retried (it may have gone out): it is marked failed. */
  abandonStaleSending(before: number, now: number): void {
    this.statements
      .get("UPDATE alert_deliveries SET status = 'failed', error = 'The process sending it stopped before it finished', attempted_at = ? WHERE status = 'sending' AND attempted_at < ?")
      .run(now, before);
  }

  deliveriesOf(alertIds: number[]): Map<number, AlertDelivery[]> {
    const out = new Map<number, AlertDelivery[]>();
    if (!alertIds.length) return out;
    const rows = this.statements
      .get(
        `SELECT d.*, c.name AS channel_name FROM alert_deliveries d LEFT JOIN notify_channels c ON c.id = d.channel_id
         WHERE d.alert_id IN (SELECT value FROM json_each(?)) ORDER BY d.id`,
      )
      .all(JSON.stringify(alertIds)) as DeliveryRow[];
    for (const r of rows) {
      const list = out.get(r.alert_id) ?? [];
      list.push({
        channelId: r.channel_id,
        channelName: r.channel_name ?? null,
        event: r.event,
        status: r.status,
        attemptedAt: r.attempted_at === null ? null : new Date(r.attempted_at).toISOString(),
        error: r.error,
      });
      out.set(r.alert_id, list);
    }
    return out;
  }
}
