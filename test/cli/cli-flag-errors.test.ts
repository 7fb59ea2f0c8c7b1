import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, snapshot, tempDir, type TempDir } from '../helpers/cli';

ensureCliBuilt();

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

const cnp = (...args: string[]) => runCli(['--db', t.db, ...args]);
const create = (...args: string[]) => cnp('job', 'create', '--name', 'nightly', ...args);

/**
 * The contract names fields (`retry.maxRetries`), but a CLI user typed flags: every refusal names
 * the flag and says the limit in the flag's own units, while --json keeps the contract path.
 */
describe('validation errors on the command line name the flag the user typed', { timeout: 120_000 }, () => {
  it.each([
    [['--command', 'true', '--manual', '--priority', '99'], '--priority: must be 1-10'],
    [['--command', 'true', '--manual', '--retries', '1000'], '--retries: at most 100'],
    [['--command', 'true', '--manual', '--timeout', '9999h'], '--timeout: at most 7d'],
    [['--command', 'true', '--manual', '--retry-delay', '2d'], '--retry-delay: at most 1d'],
    [['--command', 'true', '--manual', '--model', ''], '--model: cannot be empty'],
    [['--command', 'true', '--manual', '--tag', ''], '--tag: a tag cannot be empty'],
    [['--command', 'true', '--manual', '--env', 'BAD NAME=1'], '--env: "BAD NAME" is not a valid variable name (letters, digits and _, not starting with a digit)'],
    [['--prompt', '', '--manual'], '--prompt: the prompt cannot be empty'],
    [['--url', 'ftp://example.com/x', '--manual'], '--url: must be an http:// or https:// URL'],
  ])('job create %j', async (args, message) => {
    const r = await create(...args);
    expect(r.exitCode, r.stdout).toBe(2);
    expect(r.stderr.trim()).toBe(`error: ${message}`);
    expect(r.stderr).not.toMatch(/Too (big|small)|expected|options\.|retry\.|schedule\./);
    // Nothing was created.
    expect(snapshot(t.db) === null || ((await cnp('--json', 'job', 'list')).json as unknown[]).length === 0).toBe(true);
  });

  it('names the flag on update too, and --json still gives the contract field', async () => {
    expect((await create('--command', 'true', '--manual')).exitCode).toBe(0);
    const r = await cnp('--json', 'job', 'update', '1', '--retries', '101');
    expect(r.exitCode).toBe(2);
    expect(r.json).toEqual({ error: { code: 'VALIDATION', message: '--retries: at most 100', field: 'patch.retry.maxRetries' } });
    expect(((await cnp('--json', 'job', 'show', '1')).json as { retry: { maxRetries: number } }).retry.maxRetries).toBe(0);
  });

  it('leaves sentences that already speak in flags alone', async () => {
    const r = await create('--command', 'true', '--every', '0');
    expect(r.stderr.trim()).toBe('error: --every: must be at least 1 second, got "0"');
    const tz = await create('--command', 'true', '--manual', '--tz', 'Mars/Base');
    expect(tz.stderr).toMatch(/Unknown timezone "Mars\/Base"/);
  });
});
