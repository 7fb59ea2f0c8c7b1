import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importLegacy } from '../../src-main/core/legacy/import';
import type { CoreContext } from '../../src-main/core/services/context';
import { tempStore, type TempStore } from '../helpers/temp-store';
import { buildLayout1And2, buildLayout3, buildLayout4 } from './legacy-fixtures';

const stores: TempStore[] = [];
afterEach(() => {
  while (stores.length) stores.pop()!.cleanup();
});

const NOW = Date.parse('2026-06-01T00:00:00Z');
function setup(build: (file: string) => void, name = 'claude-night-pilot.db') {
  const t = tempStore();
  stores.push(t);
  const source = path.join(t.dir, 'old', name);
  fs.mkdirSync(path.dirname(source));
  build(source);
  const ctx: CoreContext = { store: t.store, actor: 'cli', now: () => NOW, engine: null, version: 'test' };
  return { t, ctx, source };
}

/** The old file and everything beside it, byte for byte: reading must not even leave a journal. */
function fingerprint(source: string): Record<string, string> {
  const dir = path.dirname(source);
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')]));
}

const counts = (t: TempStore) =>
  t.store.db.prepare('SELECT (SELECT COUNT(*) FROM prompts) AS prompts, (SELECT COUNT(*) FROM jobs) AS jobs, (SELECT COUNT(*) FROM runs) AS runs').get();

describe('cnp import legacy', () => {
  it('layouts 1 and 2 in one file: prompts, cron jobs (6-field), manual jobs, one-time tasks and results', () => {
    const { t, ctx, source } = setup(buildLayout1And2, 'claude-pilot.db');
    const before = fingerprint(source);
    const r = importLegacy(ctx, { path: source, dryRun: false, withHistory: true });
    expect(r.layouts).toEqual([expect.stringMatching(/^layout 1/), expect.stringMatching(/^layout 2/)]);
    expect(r.prompts.mapped).toEqual([{ legacy: 'prompts #1', title: 'Morning summary', id: expect.any(Number) }]);
    expect(r.prompts.skipped).toEqual([{ legacy: 'prompts #2', reason: 'its content is empty' }]);
    expect(r.jobs.mapped.map((j) => [j.legacy, j.name, j.schedule, j.enabled])).toEqual([
      ['jobs #1', 'Morning summary (legacy job 1)', 'cron 0 0 9 * * *', true],
      ['jobs #2', 'Morning summary (legacy job 2)', 'manual', false],
      ['scheduled_tasks task-a', 'Legacy task task-a', 'once', true],
      ['scheduled_tasks task-b', 'Legacy task task-b', 'once', false],
    ]);
    expect(r.jobs.mapped[1]!.notes).toEqual(['its async mode has no equivalent; it runs like any job', 'its status was "done", so it is imported paused']);
    expect(r.jobs.mapped[3]!.notes).toContain('its timezone "Mars/Base" is unknown, so UTC is used');
    expect(r.jobs.skipped).toEqual([{ legacy: 'jobs #3', name: 'Empty one (legacy job 3)', reason: 'its prompt was not imported' }]);
    expect(r.runs).toEqual({ imported: 1, skipped: [{ reason: 'its job was not imported', count: 1 }] });

    const prompt = t.store.prompts.get(r.prompts.mapped[0]!.id)!;
    expect(prompt).toMatchObject({ body: 'Summarise the overnight logs.', tags: ['ops', 'daily'] });
    const task = t.store.jobs.get(r.jobs.mapped[2]!.id)!;
    expect(task).toMatchObject({ timezone: 'Asia/Taipei', runAt: Date.parse('2031-01-06T01:00:00Z'), payload: { prompt: 'Write the weekly report.' }, options: { model: 'opus', maxTurns: 7 } });
    expect(task.retry.maxRetries).toBe(2);
    const run = t.store.db.prepare('SELECT * FROM runs').get() as { status: string; started_at: number; engine_id: string };
    expect(run).toMatchObject({ status: 'succeeded', started_at: Date.parse('2024-05-02T09:00:05Z'), engine_id: 'legacy-import' });
    const events = t.store.events.list(1, 0, 10);
    expect(events.map((e) => e.kind)).toEqual(['system', 'stdout']);
    expect(events[1]!.payload).toEqual({ text: 'All quiet overnight.' });
    expect(fingerprint(source)).toEqual(before);
  });

  it('layout 3: names, priority, retry, options and tags; 7-field crons with a year are skipped with the reason', () => {
    const { t, ctx, source } = setup(buildLayout3);
    const before = fingerprint(source);
    const r = importLegacy(ctx, { path: source, dryRun: false, withHistory: true });
    expect(r.jobs.mapped.map((j) => [j.name, j.schedule, j.enabled])).toEqual([
      ['PR review', 'cron 0 30 2 * * MON-FRI', true],
      ['Halted', 'cron */10 * * * *', false],
    ]);
    expect(r.jobs.mapped[1]!.notes).toEqual(['its cron runs in UTC, as the original scheduler did', 'its status was "failed", so it is imported paused', 'its priority 42 is outside 1-10, so it is 10']);
    expect(r.jobs.skipped).toEqual([
      { legacy: 'jobs j-2', name: 'Yearly', reason: 'cron "0 0 0 1 1 * 2031" is limited to year 2031, which croner cannot express' },
      { legacy: 'jobs j-3', name: 'Broken cron', reason: 'cron "every morning" has 2 fields (5, 6 or 7 expected)' },
      { legacy: 'jobs j-5', name: 'No prompt', reason: 'its prompt 99 is not in the old database' },
    ]);
    const pr = t.store.jobs.get(r.jobs.mapped[0]!.id)!;
    expect(pr).toMatchObject({ priority: 8, timezone: 'UTC', tags: ['night', 'git'], options: { cwd: '/srv/repo', model: 'sonnet', allowedTools: ['Read', 'Grep'] } });
    expect(pr.retry).toMatchObject({ maxRetries: 4, backoff: 'linear', delaySeconds: 30 });
    expect(t.store.prompts.get(pr.promptId!)!.tags).toEqual(['review', 'git']);
    const runs = t.store.db.prepare('SELECT status, error FROM runs ORDER BY id').all();
    expect(runs).toEqual([{ status: 'succeeded', error: null }, { status: 'failed', error: 'rate limited' }]);
    expect(fingerprint(source)).toEqual(before);
  });

  it('layout 4: defaults, timeouts, a parent job noted, an inactive job paused', () => {
    const { t, ctx, source } = setup(buildLayout4);
    const r = importLegacy(ctx, { path: source, dryRun: false, withHistory: true });
    expect(r.layouts).toEqual([expect.stringMatching(/^layout 4/)]);
    expect(r.jobs.mapped.map((j) => [j.name, j.enabled])).toEqual([
      ['Nightly build', true],
      ['After build', false],
    ]);
    expect(r.jobs.mapped[1]!.notes).toContain('its parent job u-1 is not imported as a dependency');
    const first = t.store.jobs.get(r.jobs.mapped[0]!.id)!;
    expect(first).toMatchObject({ timeoutMs: 3_600_000, cron: '0 0 3 * * *' });
    expect(first.retry).toMatchObject({ maxRetries: 3, backoff: 'exponential' });
    expect(t.store.jobs.get(r.jobs.mapped[1]!.id)!).toMatchObject({ timeoutMs: 900_000, tags: ['chain'] });
    expect(t.store.db.prepare('SELECT status FROM runs').all()).toEqual([{ status: 'timed_out' }]);
  });

  it.each([
    ['layouts 1+2', buildLayout1And2],
    ['layout 3', buildLayout3],
    ['layout 4', buildLayout4],
  ] as const)('%s: a second import adds nothing, a dry run writes nothing, and the source is unchanged', (_name, build) => {
    const { t, ctx, source } = setup(build);
    const before = fingerprint(source);
    const dry = importLegacy(ctx, { path: source, dryRun: true, withHistory: true });
    expect(dry.jobs.mapped.length).toBeGreaterThan(0);
    expect(counts(t)).toEqual({ prompts: 0, jobs: 0, runs: 0 });

    const first = importLegacy(ctx, { path: source, dryRun: false, withHistory: true });
    const after = counts(t);
    expect(first.jobs.mapped.length).toBe(dry.jobs.mapped.length);
    const second = importLegacy(ctx, { path: source, dryRun: false, withHistory: true });
    expect(counts(t)).toEqual(after);
    expect(second.prompts.mapped).toEqual([]);
    expect(second.jobs.mapped).toEqual([]);
    expect(second.runs.imported).toBe(0);
    expect(second.jobs.skipped.filter((s) => s.reason.startsWith('imported before'))).toHaveLength(first.jobs.mapped.length);
    expect(fingerprint(source)).toEqual(before);
  });

  it('renames a job whose name is taken, and refuses files that are not the old app’s', () => {
    const { t, ctx, source } = setup(buildLayout4);
    t.store.db.exec("INSERT INTO jobs (name, kind, schedule_type, timezone, created_at, updated_at) VALUES ('Nightly build', 'shell', 'manual', 'UTC', 0, 0)");
    const r = importLegacy(ctx, { path: source, dryRun: false, withHistory: false });
    expect(r.jobs.mapped[0]).toMatchObject({ name: 'Nightly build (legacy)' });
    expect(() => importLegacy(ctx, { path: t.dbPath, dryRun: false, withHistory: false })).toThrow(/none of the original Night Pilot's tables/);
    expect(() => importLegacy(ctx, { path: path.join(t.dir, 'nope.db'), dryRun: false, withHistory: false })).toThrow(/no such file/);
    const text = path.join(t.dir, 'notes.db');
    fs.writeFileSync(text, 'this is not sqlite at all, just text that is long enough to have a header '.repeat(10));
    expect(() => importLegacy(ctx, { path: text, dryRun: false, withHistory: false })).toThrow(/not a database this can read/);
  });
});
