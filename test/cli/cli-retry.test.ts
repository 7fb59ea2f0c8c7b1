import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, snapshot, tempDir, type TempDir } from '../helpers/cli';

ensureCliBuilt();

interface RetryJson {
  maxRetries: number;
  backoff: string;
  delaySeconds: number;
  maxDelaySeconds: number;
  delaysSeconds?: number[];
}

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

const cnp = (...args: string[]) => runCli(['--db', t.db, ...args]);
const create = (...extra: string[]) => cnp('--json', 'job', 'create', '--name', 'r', '--command', 'true', '--manual', ...extra);

describe('retry flags', () => {
  it('--retry-delays makes a ladder with one retry per step', async () => {
    const res = await create('--retry-delays', '30s,60s,5m,15m,1h');
    expect(res.exitCode, res.stderr).toBe(0);
    const retry = (res.json as { retry: RetryJson }).retry;
    expect(retry).toMatchObject({ backoff: 'ladder', maxRetries: 5, delaysSeconds: [30, 60, 300, 900, 3600] });
    const text = await cnp('job', 'show', '1');
    expect(text.stdout).toContain('5 (ladder: 30s, 1m, 5m, 15m, 1h)');
  });

  it('--retries keeps its own count next to a ladder', async () => {
    const res = await create('--retry-delays', '10s 20s', '--retries', '7');
    expect((res.json as { retry: RetryJson }).retry).toMatchObject({ backoff: 'ladder', maxRetries: 7, delaysSeconds: [10, 20] });
  });

  it('--retry-delay and --retry-max-delay set the growth bounds', async () => {
    const res = await create('--retries', '3', '--backoff', 'linear', '--retry-delay', '90s', '--retry-max-delay', '2h');
    expect(res.exitCode, res.stderr).toBe(0);
    expect((res.json as { retry: RetryJson }).retry).toMatchObject({ backoff: 'linear', maxRetries: 3, delaySeconds: 90, maxDelaySeconds: 7200 });
  });

  it('update switches a ladder back to exponential and keeps the rest', async () => {
    await create('--retry-delays', '30s,1m');
    const res = await cnp('--json', 'job', 'update', '1', '--backoff', 'exponential', '--retry-delay', '10s');
    expect(res.exitCode, res.stderr).toBe(0);
    expect((res.json as { retry: RetryJson }).retry).toMatchObject({ backoff: 'exponential', maxRetries: 2, delaySeconds: 10 });
  });

  // prettier-ignore
  const bad: [args: string[], field: string, message: RegExp][] = [
    [['--retry-delays', '30s,soon'],                   'retry-delays', /"soon" is not a duration/],
    [['--retry-delays', '30s', '--backoff', 'fixed'],  'retry-delays', /cannot go with --backoff fixed/],
    [['--backoff', 'ladder'],                          'retry-delays', /needs its waits/],
    [['--retry-delay', 'later'],                       'retry-delay',  /not a duration/],
    [['--retry-max-delay', '-5m'],                     'retry-max-delay', /not a duration/],
  ];

  it.each(bad)('rejects %j with exit 2 and leaves no database', async (args, field, message) => {
    const res = await create(...args);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toMatch(message);
    expect((res.json as { error: { field: string } }).error.field).toBe(field);
    expect(snapshot(t.db)).toBeNull();
  });
});
