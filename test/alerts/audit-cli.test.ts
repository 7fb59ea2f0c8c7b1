import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';
import { apiFor, call, tempStore } from '../helpers/temp-store';

beforeAll(() => ensureCliBuilt());

let tmp: TempDir;
afterEach(() => tmp?.cleanup());
const cli = (...args: string[]) => runCli(['--db', tmp.db, '--json', ...args]);

interface AuditPage {
  total: number;
  items: { action: string; actor: string; jobId: number | null; ts: string; details: Record<string, unknown> }[];
}

// Each case drives the real CLI a dozen times; on a loaded 2-core machine that takes a while.
describe('cnp audit', { timeout: 120_000 }, () => {
  it('lists exactly one job’s recorded actions with --job ID --since 1h', async () => {
    tmp = tempDir();
    const one = (await cli('job', 'create', '--name', 'one', '--command', 'true', '--manual')).json as { id: number };
    const two = (await cli('job', 'create', '--name', 'two', '--command', 'true', '--manual')).json as { id: number };
    const id = String(one.id);
    for (const args of [['job', 'update', id, '--priority', '7'], ['job', 'pause', id], ['job', 'resume', id], ['job', 'run', id, '--wait']]) {
      expect((await cli(...args)).exitCode).toBe(0);
    }
    expect((await cli('job', 'run', String(two.id), '--wait')).exitCode).toBe(0);
    expect((await cli('job', 'pause', String(two.id))).exitCode).toBe(0);
    const runOne = ((await cli('runs', 'list', '--job', id)).json as { id: number }[])[0]!.id;
    expect((await cli('runs', 'retry', String(runOne))).exitCode).toBe(0);

    const res = await cli('audit', '--job', id, '--since', '1h');
    expect(res.exitCode, res.stderr).toBe(0);
    const page = res.json as AuditPage;
    expect(page.items.map((e) => e.action).reverse()).toEqual(['job.create', 'job.update', 'job.pause', 'job.resume', 'run.queue', 'run.retry']);
    expect(page.total).toBe(6);
    expect(page.items.every((e) => e.jobId === one.id && e.actor === 'cli')).toBe(true);
    expect(page.items.find((e) => e.action === 'job.update')!.details).toEqual({ fields: ['priority'] });

    // Filters combine: actor, action family, and a time range that excludes everything.
    const pauses = (await cli('audit', '--action', 'job.pause')).json as AuditPage;
    expect(pauses.items.map((e) => e.jobId).sort()).toEqual([one.id, two.id]);
    const family = (await cli('audit', '--job', String(two.id), '--action', 'run.*')).json as AuditPage;
    expect(family.items.map((e) => e.action)).toEqual(['run.queue']);
    expect(((await cli('audit', '--actor', 'ui')).json as AuditPage).total).toBe(0);
    expect(((await cli('audit', '--until', '2000-01-01T00:00:00Z')).json as AuditPage).total).toBe(0);
    const paged = (await cli('audit', '--limit', '2', '--offset', '1')).json as AuditPage;
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBeGreaterThan(8);
  });

  it('records channels, cooldown clear and prompt changes too', async () => {
    tmp = tempDir();
    await cli('prompt', 'add', '--title', 't', '--body', 'b');
    await cli('cooldown', 'clear');
    await cli('notify', 'channel', 'add', '--type', 'os', '--name', 'desk');
    await cli('notify', 'channel', 'rm', '1');
    const actions = ((await cli('audit')).json as AuditPage).items.map((e) => e.action).reverse();
    expect(actions).toEqual(['prompt.create', 'cooldown.clear', 'channel.add', 'channel.remove']);
  });

  it('records settings, run now, cancel, delete and a jobs-file import, each with its job', async () => {
    const t = tempStore();
    try {
      const api = apiFor(t.store, { actor: 'ui' });
      await call(api, 'settings.set', { maxConcurrentRuns: 3 });
      const job = await call(api, 'jobs.create', { name: 'doomed', kind: 'shell', command: 'true', schedule: { type: 'manual', timezone: 'UTC' } });
      const run = await call(api, 'jobs.runNow', { id: job.id });
      await call(api, 'runs.cancel', { id: run.id });
      await call(api, 'jobs.delete', { id: job.id });
      await call(api, 'jobFiles.import', { text: 'jobs:\n  - name: from-file\n    command: ls\n    schedule: {type: manual}\n', fileName: 'jobs.yaml', dryRun: false, prune: false });
      const page = await call(api, 'audit.list', {});
      const rows = page.items.map((e) => [e.action, e.jobId, e.actor]).reverse();
      const imported = t.store.jobs.list().items.find((j) => j.name === 'from-file')!;
      expect(rows).toEqual([
        ['settings.set', null, 'ui'],
        ['job.create', job.id, 'ui'],
        ['run.queue', job.id, 'ui'],
        ['run.cancel', job.id, 'ui'],
        ['job.delete', job.id, 'ui'],
        ['job.create', imported.id, 'ui'],
      ]);
      expect(page.items[0]!.details).toMatchObject({ source: 'jobs.yaml' });
      expect(page.items.find((e) => e.action === 'settings.set')!.details).toEqual({ keys: ['maxConcurrentRuns'] });
    } finally {
      t.cleanup();
    }
  });

  it('refuses bad filters with the flag named and exit 2', async () => {
    tmp = tempDir();
    const bad = await cli('audit', '--since', 'yesterday-ish');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--since: "yesterday-ish" is neither a duration/);
    const actor = await cli('audit', '--actor', 'robot');
    expect(actor.exitCode).toBe(2);
    expect(actor.stderr).toMatch(/robot/);
  });
});
