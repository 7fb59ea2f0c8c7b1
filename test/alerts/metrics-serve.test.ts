import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli } from '../helpers/cli';
import { api, startServe, type ServeProcess } from '../helpers/serve-process';

beforeAll(() => ensureCliBuilt());

let dir: string;
const serves: ServeProcess[] = [];
afterEach(async () => {
  for (const s of serves.splice(0)) {
    s.child.kill('SIGTERM');
    await s.child;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

async function scrape(s: ServeProcess, auth = true): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${s.base}/metrics`, { headers: auth ? { authorization: `Bearer ${s.token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

const sample = (families: ParsedFamily[], name: string, labels: Record<string, string> = {}): number | undefined => {
  const family = families.find((f) => f.name === name);
  const m = family?.metrics.find((x) => Object.entries(labels).every(([k, v]) => x.labels?.[k] === v));
  return m?.value !== undefined ? Number(m.value) : m?.count !== undefined ? Number(m.count) : undefined;
};

describe('cnp serve: GET /metrics and GET /healthz', { timeout: 120_000 }, () => {
  it('serves Prometheus text whose counters move with real runs; 401 without the token', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-metrics-'));
    const db = path.join(dir, 'm.db');
    const ok = (await runCli(['--db', db, '--json', 'job', 'create', '--name', 'ok', '--command', 'true', '--manual'])).json as { id: number };
    const bad = (await runCli(['--db', db, '--json', 'job', 'create', '--name', 'bad', '--command', 'exit 2', '--manual'])).json as { id: number };
    const s = await startServe(db);
    serves.push(s);

    const denied = await scrape(s, false);
    expect(denied.status).toBe(401);
    expect(denied.text).toMatch(/Authorization: Bearer/);
    expect((await fetch(`${s.base}/healthz`)).status).toBe(401);
    expect((await fetch(`${s.base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);

    const first = await scrape(s);
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const before = parsePrometheusTextFormat(first.text);
    for (const name of ['cnp_runs_started_total', 'cnp_runs_finished_total', 'cnp_run_duration_seconds', 'cnp_queue_depth', 'cnp_deferred_runs', 'cnp_cooldown_active', 'cnp_cooldown_seconds_to_reset', 'cnp_engine_up', 'cnp_engine_last_tick_age_seconds', 'cnp_alerts_open']) {
      expect(before.map((f) => f.name), name).toContain(name);
    }
    expect(before.find((f) => f.name === 'cnp_run_duration_seconds')!.type).toBe('HISTOGRAM');
    expect(sample(before, 'cnp_engine_up')).toBe(1);
    expect(sample(before, 'cnp_runs_started_total', { trigger: 'manual' })).toBeUndefined();

    // Real runs through the API: two that succeed, one that fails.
    for (const id of [ok.id, ok.id, bad.id]) {
      const run = await api<{ id: number }>(s, 'jobs.runNow', { id });
      let status = 'queued';
      const deadline = Date.now() + 20_000;
      while (!['succeeded', 'failed'].includes(status) && Date.now() < deadline) {
        status = (await api<{ status: string }>(s, 'runs.get', { id: run.id })).status;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(id === ok.id ? 'succeeded' : 'failed');
    }
    const after = parsePrometheusTextFormat((await scrape(s)).text);
    expect(sample(after, 'cnp_runs_started_total', { trigger: 'manual' })).toBe(3);
    expect(sample(after, 'cnp_runs_finished_total', { status: 'succeeded' })).toBe(2);
    expect(sample(after, 'cnp_runs_finished_total', { status: 'failed' })).toBe(1);
    expect(sample(after, 'cnp_run_duration_seconds')).toBe(3);
    expect(sample(after, 'cnp_queue_depth')).toBe(0);
    expect(sample(after, 'cnp_alerts_open', { kind: 'consecutive_failures' })).toBe(0);
    expect(sample(after, 'cnp_engine_last_tick_age_seconds')).toBeLessThan(5);

    const health = await fetch(`${s.base}/healthz`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', engine: { scheduling: true }, alertsOpen: 0, cooldown: { active: false } });
  });

  it('opens /metrics and /healthz to loopback clients without the token under --metrics-public, the API still closed', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-metrics-'));
    const s = await startServe(path.join(dir, 'p.db'), { args: ['--metrics-public'] });
    serves.push(s);
    const open = await scrape(s, false);
    expect(open.status).toBe(200);
    expect(() => parsePrometheusTextFormat(open.text)).not.toThrow();
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${s.base}/api/jobs.list`, { method: 'POST', body: '{}' })).status).toBe(401);
  });
});
