import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';

beforeAll(() => ensureCliBuilt());

let tmp: TempDir;
afterEach(() => tmp?.cleanup());
const cli = (...args: string[]) => runCli(['--db', tmp.db, '--json', ...args]);

describe('cnp stats', { timeout: 120_000 }, () => {
  it('counts real runs by trigger and status, with rates, p95 duration and cost', async () => {
    tmp = tempDir();
    const ok = (await cli('job', 'create', '--name', 'ok', '--command', 'sleep 0.2', '--manual')).json as { id: number };
    const bad = (await cli('job', 'create', '--name', 'bad', '--command', 'exit 4', '--manual')).json as { id: number };
    for (const id of [ok.id, ok.id, ok.id, bad.id]) await cli('job', 'run', String(id), '--wait');

    const res = await cli('stats', '--since', '1h');
    expect(res.exitCode, res.stderr).toBe(0);
    const stats = res.json as Record<string, unknown> & { p95DurationMs: number };
    expect(stats).toMatchObject({ runs: 4, byTrigger: { cli: 4 }, byStatus: { succeeded: 3, failed: 1 }, succeeded: 3, failed: 1, successRate: 0.75, failureRate: 0.25, costUsd: 0 });
    expect(stats.p95DurationMs).toBeGreaterThanOrEqual(200);

    // An earlier start still holds all four; the human view names the figures.
    const old = (await cli('stats', '--since', '2000-01-01T00:00:00Z')).json as { runs: number };
    expect(old.runs).toBe(4);
    const human = await runCli(['--db', tmp.db, 'stats']);
    expect(human.stdout).toMatch(/success rate:\s+75\.0%/);
    expect(human.stdout).toMatch(/failure rate:\s+25\.0%/);
    const bad1 = await cli('stats', '--since', 'last tuesday');
    expect(bad1.exitCode).toBe(2);
    expect(bad1.stderr).toMatch(/--since/);
  });
});
