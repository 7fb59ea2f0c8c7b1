import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi, invoke, type ApiImplementation } from '../core/api';
import { openStore, type Store } from '../core/db/store';
import { KEEP_AWAKE_HORIZON_MS, readShellSnapshot, shouldKeepAwake } from './tray-state';

let dir: string;
let store: Store;
let api: ApiImplementation;
const now = Date.parse('2026-03-10T20:00:00Z');

async function createJob(name: string, cron: string, enabled = true): Promise<number> {
  const res = await invoke(api, 'jobs.create', { name, kind: 'shell', command: 'true', schedule: { type: 'cron', cron, timezone: 'UTC' }, enabled });
  if (!res.ok) throw new Error(res.error.message);
  return (res.value as { id: number }).id;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-tray-'));
  store = openStore(path.join(dir, 'test.db'));
  api = createApi({ store, actor: 'ui', now: () => now, engine: null, version: 'test' });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('readShellSnapshot', () => {
  it('reads an empty database as idle with nothing coming', () => {
    const s = readShellSnapshot(store, now);
    expect(s.tray).toEqual({ running: 0, cooldown: { cooling: false, resetsAt: null }, enabledJobs: 0, pausedJobs: 0, upcoming: [] });
    expect(s.settings).toEqual({ keepAwake: false, launchAtLogin: false, notifyOnCooldown: true });
  });

  it('counts jobs and runs and lists the three soonest enabled jobs', async () => {
    const hourly = await createJob('hourly', '0 * * * *');
    const daily = await createJob('daily', '0 3 * * *');
    await createJob('paused', '30 20 * * *', false);
    const minutely = await createJob('every minute', '* * * * *');
    const weekly = await createJob('weekly', '0 0 * * 0');
    store.runs.insert({ jobId: hourly, trigger: 'manual', status: 'running', priority: 5, scheduledFor: null }, now);
    store.runs.insert({ jobId: daily, trigger: 'manual', status: 'queued', priority: 5, scheduledFor: null }, now);

    const s = readShellSnapshot(store, now);
    expect(s.tray.enabledJobs).toBe(4);
    expect(s.tray.pausedJobs).toBe(1);
    expect(s.tray.running).toBe(1);
    expect(s.queued).toBe(1);
    expect(s.tray.upcoming.map((u) => u.jobId)).toEqual([minutely, hourly, daily]);
    expect(s.tray.upcoming.map((u) => u.jobId)).not.toContain(weekly);
  });

  it('reports a cooldown in force', () => {
    store.cooldowns.start({ startedAt: now - 60_000, resetsAt: now + 3600_000, source: 'rate_limit_event', message: 'limit', runId: null });
    expect(readShellSnapshot(store, now).tray.cooldown).toEqual({ cooling: true, resetsAt: new Date(now + 3600_000).toISOString() });
  });
});

describe('shouldKeepAwake', () => {
  const snapshotWith = (patch: { keepAwake?: boolean; running?: number; queued?: number; deferred?: number; nextIn?: number | null }) => {
    const base = readShellSnapshot(store, now);
    return {
      ...base,
      queued: patch.queued ?? 0,
      cooldown: { ...base.cooldown, deferredRuns: patch.deferred ?? 0 },
      settings: { ...base.settings, keepAwake: patch.keepAwake ?? true },
      tray: {
        ...base.tray,
        running: patch.running ?? 0,
        upcoming: patch.nextIn == null ? [] : [{ jobId: 1, jobName: 'j', at: new Date(now + patch.nextIn).toISOString() }],
      },
    };
  };

  it.each([
    ['never when the setting is off, even with work', { keepAwake: false, running: 2 }, false],
    ['while a run is going', { running: 1 }, true],
    ['while runs wait in the queue', { queued: 1 }, true],
    ['while runs wait for a cooldown to end', { deferred: 3 }, true],
    ['when the next run is within the night', { nextIn: KEEP_AWAKE_HORIZON_MS }, true],
    ['not when the next run is further away', { nextIn: KEEP_AWAKE_HORIZON_MS + 1 }, false],
    ['not when nothing is scheduled', { nextIn: null }, false],
  ])('%s', (_name, patch, expected) => {
    expect(shouldKeepAwake(snapshotWith(patch), now)).toBe(expected);
  });
});
