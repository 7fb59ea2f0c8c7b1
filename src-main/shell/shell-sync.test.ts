import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CooldownStatus } from '../../src-shared/domain';
import { openStore, type Store } from '../core/db/store';
import { EventBus } from '../core/events/bus';
import type { OsNotification } from './notification-rules';
import { ShellSync, type ShellPorts } from './shell-sync';
import type { TrayView } from './tray-menu';

const now = Date.parse('2026-03-10T20:00:00Z');
let dir: string;
let store: Store;
let bus: EventBus;
let sync: ShellSync;

function recorder(loginOn = false) {
  const rec = {
    trays: [] as TrayView[],
    awake: [] as boolean[],
    loginSets: [] as boolean[],
    notes: [] as OsNotification[],
    warnings: [] as string[],
  };
  const ports: ShellPorts = {
    showTray: (v) => rec.trays.push(v),
    keepAwake: (on) => rec.awake.push(on),
    launchAtLogin: { isOn: () => loginOn, set: (on) => rec.loginSets.push(on) },
    notify: (n) => rec.notes.push(n),
    warn: (m) => rec.warnings.push(m),
  };
  return { rec, ports };
}

const cooling = (on: boolean, deferredRuns = 0): CooldownStatus => ({
  cooling: on,
  resetsAt: on ? '2026-03-10T23:15:00.000Z' : null,
  source: on ? 'rate_limit_event' : null,
  message: null,
  since: null,
  deferredRuns,
  warning: null,
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-sync-'));
  store = openStore(path.join(dir, 'test.db'));
  bus = new EventBus();
});
afterEach(() => {
  sync?.stop();
  vi.useRealTimers();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('ShellSync', () => {
  it('shows the tray at once and refreshes it after a burst of run updates, once', () => {
    const { rec, ports } = recorder();
    sync = new ShellSync(store, bus, ports, { now: () => now, clock: { timeZone: 'UTC' } });
    sync.start();
    expect(rec.trays).toHaveLength(1);
    expect(rec.trays[0]?.statusLine).toBe('Idle');
    for (let i = 0; i < 50; i++) bus.emit('job.changed', { jobId: i });
    vi.advanceTimersByTime(1000);
    expect(rec.trays).toHaveLength(2);
  });

  it('ignores log lines', () => {
    const { rec, ports } = recorder();
    sync = new ShellSync(store, bus, ports, { now: () => now });
    sync.start();
    bus.emit('run.event', { runId: 1, seq: 1, ts: new Date(now).toISOString(), kind: 'stdout', payload: 'x' });
    vi.advanceTimersByTime(1000);
    expect(rec.trays).toHaveLength(1);
  });

  it('refreshes on a timer even without events', () => {
    const { rec, ports } = recorder();
    sync = new ShellSync(store, bus, ports, { now: () => now, periodMs: 10_000 });
    sync.start();
    vi.advanceTimersByTime(30_000);
    expect(rec.trays).toHaveLength(4);
  });

  it('turns keep-awake on only when the user asked for it and work is due', () => {
    const { rec, ports } = recorder();
    sync = new ShellSync(store, bus, ports, { now: () => now });
    sync.start();
    expect(rec.awake.at(-1)).toBe(false);
    store.settings.setMany({ keepAwake: true });
    const job = store.db
      .prepare("INSERT INTO jobs (name, kind, schedule_type, timezone, created_at, updated_at) VALUES ('j', 'shell', 'manual', 'UTC', 0, 0)")
      .run().lastInsertRowid;
    store.runs.insert({ jobId: Number(job), trigger: 'manual', status: 'queued', priority: 5, scheduledFor: null }, now);
    sync.syncNow();
    expect(rec.awake.at(-1)).toBe(true);
  });

  it('applies launch at login when the setting differs from the system, and only then', () => {
    const { rec, ports } = recorder(false);
    sync = new ShellSync(store, bus, ports, { now: () => now });
    sync.start();
    expect(rec.loginSets).toEqual([]);
    store.settings.setMany({ launchAtLogin: true });
    sync.syncNow();
    sync.syncNow();
    expect(rec.loginSets).toEqual([true]);
  });

  it('announces a cooldown starting and ending, and not one already in force at launch', () => {
    store.cooldowns.start({ startedAt: now - 1000, resetsAt: now + 3600_000, source: 'rate_limit_event', message: 'limit', runId: null });
    const { rec, ports } = recorder();
    sync = new ShellSync(store, bus, ports, { now: () => now, clock: { timeZone: 'UTC' } });
    sync.start();
    bus.emit('cooldown.changed', cooling(true));
    expect(rec.notes).toEqual([]);
    bus.emit('cooldown.changed', cooling(false, 2));
    bus.emit('cooldown.changed', cooling(true));
    expect(rec.notes.map((n) => n.title)).toEqual(['Claude cooldown over', 'Claude usage limit reached']);
  });

  it('stays quiet about cooldowns when the user turned that off', () => {
    store.settings.setMany({ notifyOnCooldown: false });
    const { rec, ports } = recorder();
    sync = new ShellSync(store, bus, ports, { now: () => now });
    sync.start();
    bus.emit('cooldown.changed', cooling(true));
    expect(rec.notes).toEqual([]);
  });

  it('keeps going when one port fails', () => {
    const { rec, ports } = recorder();
    sync = new ShellSync(store, bus, { ...ports, showTray: () => { throw new Error('no tray here'); } }, { now: () => now });
    sync.start();
    expect(rec.warnings).toEqual(['Cannot update the tray: no tray here']);
    expect(rec.awake).toEqual([false]);
  });
});
