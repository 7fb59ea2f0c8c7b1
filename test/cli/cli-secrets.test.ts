import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi, invoke } from '../../src-main/core/api';
import { openStore } from '../../src-main/core/db/store';
import { ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';

ensureCliBuilt();

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

const cnp = (...args: string[]) => runCli(['--db', t.db, ...args]);
const SECRETS = ['s3cret', 'tok-abc', 'goog-123', 'hunter2', 'T0/B0/XYZ', 'ghp_999'];
const expectNoSecret = (text: string) => {
  for (const s of SECRETS) expect(text, `"${s}" leaked`).not.toContain(s);
};

async function createLeakyJob(): Promise<number> {
  const r = await cnp(
    'job', 'create', '--name', 'leaky', '--manual', '--json',
    // Undici refuses credentials in the URL with an error that quotes the URL: the error path.
    '--url', 'http://ann:s3cret@127.0.0.1:9/hook?token=tok-abc&page=2',
    '--header', 'X-Goog-Api-Key: goog-123',
    '--env', 'DB_PASSWORD=hunter2', '--env', 'GITHUB_TOKEN=ghp_999',
  );
  expect(r.exitCode, r.stderr).toBe(0);
  expectNoSecret(r.stdout);
  return (r.json as { id: number }).id;
}

describe('secrets are stored but never shown', () => {
  it('masks URL credentials, token parameters, credential headers and env values in every view', async () => {
    const id = await createLeakyJob();
    const store = openStore(t.db);
    store.db.prepare("UPDATE jobs SET notify = json_set(notify, '$.webhookUrl', 'https://hooks.slack.com/services/T0/B0/XYZ') WHERE id = ?").run(id);
    store.close();

    const run = await cnp('job', 'run', String(id), '--wait', '--json');
    expect(run.exitCode).toBe(1);
    const runId = (run.json as { id: number }).id;
    expect((run.json as { error: string }).error).toMatch(/credentials/);

    for (const args of [
      ['job', 'show', String(id)],
      ['job', 'show', String(id), '--json'],
      ['job', 'list'],
      ['job', 'list', '--json'],
      ['runs', 'show', String(runId)],
      ['runs', 'show', String(runId), '--json'],
      ['runs', 'list', '--json'],
      ['runs', 'logs', String(runId)],
      ['runs', 'logs', String(runId), '--json'],
    ]) {
      const r = await cnp(...args);
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expectNoSecret(r.stdout + r.stderr);
    }
    const shown = await cnp('job', 'show', String(id), '--json');
    expect(JSON.stringify(shown.json)).toContain('••••');
  });

  it('shows them to the owner with --show-secrets, and keeps them through an update', async () => {
    const id = await createLeakyJob();
    const up = await cnp('job', 'update', String(id), '--priority', '7', '--json');
    expect(up.exitCode, up.stderr).toBe(0);
    expectNoSecret(up.stdout);
    const r = await cnp('job', 'show', String(id), '--show-secrets', '--json');
    const job = r.json as { priority: number; http: { url: string; headers: Record<string, string> }; options: { env: Record<string, string> } };
    expect(job.priority).toBe(7);
    expect(job.http.url).toBe('http://ann:s3cret@127.0.0.1:9/hook?token=tok-abc&page=2');
    expect(job.http.headers['X-Goog-Api-Key']).toBe('goog-123');
    expect(job.options.env).toEqual({ DB_PASSWORD: 'hunter2', GITHUB_TOKEN: 'ghp_999' });
  });

  it('an editor that saves the masked job it was shown keeps the stored secrets (the UI path)', async () => {
    const id = await createLeakyJob();
    const store = openStore(t.db);
    try {
      const api = createApi({ store, actor: 'ui', now: Date.now, engine: null, version: 'test' });
      const shown = await invoke(api, 'jobs.get', { id });
      expect(shown.ok).toBe(true);
      const job = (shown as { value: { http: object; options: object; name: string } }).value;
      const saved = await invoke(api, 'jobs.update', { id, patch: { name: 'renamed', http: job.http, options: job.options } });
      expect(saved.ok, JSON.stringify(saved)).toBe(true);
      const raw = await invoke(api, 'jobs.get', { id, showSecrets: true });
      const stored = (raw as { value: { name: string; http: { url: string; headers: Record<string, string> }; options: { env: Record<string, string> } } }).value;
      expect(stored.name).toBe('renamed');
      expect(stored.http.url).toContain('ann:s3cret@');
      expect(stored.http.headers['X-Goog-Api-Key']).toBe('goog-123');
      expect(stored.options.env.DB_PASSWORD).toBe('hunter2');
    } finally {
      store.close();
    }
  });
});
