import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import type { Run } from '../../src-shared/domain';
import { call, FAKE_CLAUDE, tempStore, waitFor, type TempStore } from '../helpers/temp-store';

let t: TempStore;
let engine: Engine | null = null;
let server: http.Server | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
  server?.close();
  server = null;
  t?.cleanup();
});

async function start() {
  t = tempStore();
  engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' } });
  await engine.start();
  return engine.api('ui');
}

async function runJob(input: Record<string, unknown>): Promise<Run> {
  const api = engine!.api('ui');
  const job = await call(api, 'jobs.create', { schedule: { type: 'manual', timezone: 'UTC' }, ...input });
  const run = await call(api, 'jobs.runNow', { id: job.id });
  return waitFor(() => {
    const r = t.store.runs.view(run.id);
    return r?.finishedAt ? r : null;
  });
}

describe('HTTP executor against a real server on 127.0.0.1', () => {
  it('sends method, headers and body; 2xx succeeds; status and a capped body are logged; secrets are not', async () => {
    await start();
    const seen: { method?: string; auth?: string; body?: string }[] = [];
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, auth: req.headers.authorization, body });
        if (req.url === '/fail') return void res.writeHead(503).end('down');
        res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(200_000));
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ok = await runJob({ name: 'ping', kind: 'http', http: { url: `${base}/ok`, method: 'post', headers: { Authorization: 'Bearer s3cret' }, body: '{"a":1}' } });
    expect(ok.status).toBe('succeeded');
    expect(ok.exitCode).toBe(200);
    expect(seen[0]).toEqual({ method: 'POST', auth: 'Bearer s3cret', body: '{"a":1}' });
    const events = t.store.events.list(ok.id, 0, 100);
    expect(JSON.stringify(events)).not.toContain('s3cret');
    const response = events.find((e) => (e.payload as { type?: string }).type === 'http_response')!.payload as { status: number; truncated: boolean };
    expect(response).toMatchObject({ status: 200, truncated: true });
    expect((events.find((e) => e.kind === 'stdout')!.payload as { text: string }).text.length).toBe(64 * 1024);

    const bad = await runJob({ name: 'down', kind: 'http', http: { url: `${base}/fail` } });
    expect(bad.status).toBe('failed');
    expect(bad.error).toMatch(/503/);
  });

  it('fails clearly when nothing listens', async () => {
    await start();
    const run = await runJob({ name: 'nobody', kind: 'http', http: { url: 'http://127.0.0.1:9/' } });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/Request failed/);
  });
});

describe('git worktree option for Claude jobs', () => {
  it('runs Claude in a fresh worktree on a new branch and removes the folder by policy', async () => {
    const api = await start();
    await call(api, 'settings.set', { claudePath: FAKE_CLAUDE });
    const repo = path.join(t.dir, 'repo');
    fs.mkdirSync(repo);
    const git = (...args: string[]) => execa('git', ['-C', repo, ...args], { env: { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
    await git('init', '-q');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'a');
    await git('add', '.');
    await git('commit', '-qm', 'init');
    const argsFile = path.join(t.dir, 'args.json');
    const run = await runJob({ name: 'wt', kind: 'claude', prompt: 'edit', options: { cwd: repo, worktree: { enabled: true, keep: 'never' }, env: { FAKE_CLAUDE_SCENARIO: 'success', FAKE_CLAUDE_ARGS_FILE: argsFile } } });
    expect(run.status).toBe('succeeded');
    const cwd = (JSON.parse(fs.readFileSync(argsFile, 'utf8')) as { cwd: string }).cwd;
    expect(cwd).toContain(`-run-${run.id}`);
    expect(fs.existsSync(cwd)).toBe(false);
    const branches = await git('branch', '--list', `cnp/run-${run.id}`);
    expect(branches.stdout).toContain(`cnp/run-${run.id}`);
  });

  it('fails the run with a clear error when the folder is not a git repository', async () => {
    const api = await start();
    await call(api, 'settings.set', { claudePath: FAKE_CLAUDE });
    const run = await runJob({ name: 'nogit', kind: 'claude', prompt: 'edit', options: { cwd: t.dir, worktree: { enabled: true, keep: 'never' } } });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/not inside a git repository/);
  });
});
