import type { CooldownStatus, Settings } from '../../src-shared/domain';
import type { Store } from '../core/db/store';
import { cooldownStatus } from '../core/services/cooldown-service';
import type { TrayState } from './tray-menu';

/** Everything the shell reacts to, read in one go. Cheap on purpose: it runs on every engine event burst. */
export interface ShellSnapshot {
  tray: TrayState;
  cooldown: CooldownStatus;
  queued: number;
  settings: Pick<Settings, 'keepAwake' | 'launchAtLogin' | 'notifyOnCooldown'>;
}

export function readShellSnapshot(store: Store, now: number): ShellSnapshot {
  const db = store.db;
  const counts = db
    .prepare(
      `SELECT
         (SELECT COUNT(*) FROM jobs WHERE enabled = 1) AS enabled,
         (SELECT COUNT(*) FROM jobs WHERE enabled = 0) AS paused,
         (SELECT COUNT(*) FROM runs WHERE status = 'running') AS running,
         (SELECT COUNT(*) FROM runs WHERE status = 'queued') AS queued`,
    )
    .get() as { enabled: number; paused: number; running: number; queued: number };
  // The (enabled, next_run_at) index answers this without touching every job, unlike a full forecast.
  const upcoming = (
    db
      .prepare('SELECT id, name, next_run_at FROM jobs WHERE enabled = 1 AND next_run_at IS NOT NULL ORDER BY next_run_at LIMIT 3')
      .all() as { id: number; name: string; next_run_at: number }[]
  ).map((r) => ({ jobId: r.id, jobName: r.name, at: new Date(r.next_run_at).toISOString() }));
  const cooldown = cooldownStatus(store, now);
  const settings = store.settings.getAll();
  return {
    tray: {
      running: counts.running,
      cooldown: { cooling: cooldown.cooling, resetsAt: cooldown.resetsAt },
      enabledJobs: counts.enabled,
      pausedJobs: counts.paused,
      upcoming,
    },
    cooldown,
    queued: counts.queued,
    settings: { keepAwake: settings.keepAwake, launchAtLogin: settings.launchAtLogin, notifyOnCooldown: settings.notifyOnCooldown },
  };
}

/** How far ahead a scheduled run still counts as "due" for keep-awake: one night. */
export const KEEP_AWAKE_HORIZON_MS = 8 * 3600_000;

/**
 * Keep the machine from sleeping only when the user asked for it and there is work: something runs,
 * waits in the queue or for a cooldown, or is scheduled within the night.
 */
export function shouldKeepAwake(snapshot: ShellSnapshot, now: number): boolean {
  if (!snapshot.settings.keepAwake) return false;
  if (snapshot.tray.running > 0 || snapshot.queued > 0 || snapshot.cooldown.deferredRuns > 0) return true;
  const next = snapshot.tray.upcoming[0];
  return next !== undefined && Date.parse(next.at) - now <= KEEP_AWAKE_HORIZON_MS;
}
