import os from 'node:os';
import type { Database } from 'better-sqlite3';
import { Statements } from './statements';
import { holderAlive } from '../engine-identity';

/** A holder whose heartbeat is older than this is presumed dead (another host, or a hung process). */
export const LEASE_STALE_MS = 10_000;

export interface Lease {
  holder: string;
  pid: number;
  hostname: string;
  acquiredAt: number;
  heartbeatAt: number;
}

/**
 * The engine lease: one row saying which engine schedules this database. A holder renews its
 * heartbeat; a lease whose heartbeat is older than `staleMs` belongs to a dead process. A holder on
 * this host whose process is gone (pid and start time) is replaced at once, without waiting for that.
 */
export class LeaseRepo {
  private readonly statements: Statements;

  constructor(private readonly db: Database) {
    this.statements = new Statements(db);
  }

  current(): Lease | null {
    const r = this.statements.get('SELECT holder, pid, hostname, acquired_at, heartbeat_at FROM engine_lease WHERE id = 1').get() as
      | { holder: string; pid: number; hostname: string; acquired_at: number; heartbeat_at: number }
      | undefined;
    return r ? { holder: r.holder, pid: r.pid, hostname: r.hostname, acquiredAt: r.acquired_at, heartbeatAt: r.heartbeat_at } : null;
  }

  /** Takes the lease if free, stale or ours; returns whether we hold it now. Atomic under SQLite's write lock. */
  tryAcquire(holder: string, now: number, staleMs: number): boolean {
    return this.db.transaction(() => {
      const cur = this.current();
      if (cur && cur.holder !== holder && isLive(cur, now, staleMs)) return false;
      this.statements
        .get(
          `INSERT INTO engine_lease (id, holder, pid, hostname, acquired_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, hostname = excluded.hostname,
             acquired_at = CASE WHEN engine_lease.holder = excluded.holder THEN engine_lease.acquired_at ELSE excluded.acquired_at END,
             heartbeat_at = excluded.heartbeat_at`,
        )
        .run(holder, process.pid, os.hostname(), now, now);
      return true;
    }).immediate();
  }

  release(holder: string): void {
    this.statements.get('DELETE FROM engine_lease WHERE id = 1 AND holder = ?').run(holder);
  }

  /** A live holder: someone whose heartbeat is fresh and whose process is not known to be gone. */
  live(now: number, staleMs: number): Lease | null {
    const cur = this.current();
    return cur && isLive(cur, now, staleMs) ? cur : null;
  }
}

// A heartbeat from the future (the clock was set back) is judged by distance, not sign.
function isLive(lease: Lease, now: number, staleMs: number): boolean {
  return Math.abs(now - lease.heartbeatAt) < staleMs && holderAlive(lease.holder);
}
