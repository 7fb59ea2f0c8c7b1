/** The Claude executor's options on `cnp job create` and `cnp job update`, through the built CLI. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, snapshot, tempDir, type TempDir } from '../helpers/cli';

ensureCliBuilt();

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

const cnp = (...args: string[]) => runCli(['--db', t.db, ...args]);
type Options = Record<string, unknown>;

describe('Claude flags on job create and update', () => {
  it('stores every flag in the job options and shows them back', async () => {
    const extra = path.join(t.dir, 'docs');
    fs.mkdirSync(extra);
    const r = await cnp(
      'job', 'create', '--name', 'review', '--prompt', 'Review the PRs', '--manual', '--json',
      '--model', 'opus', '--fallback-model', 'sonnet', '--fallback-on-limit', '--max-budget-usd', '2.50',
      '--append-system-prompt', 'Answer in French.', '--add-dir', extra, '--mcp-config', '{"mcpServers":{}}',
      '--disallowed-tools', 'WebFetch,Bash(rm:*)', '--resume', '0b7c6f0e-4f1d-4f55-9b7a-1c2d3e4f5a6b',
    );
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const options = (r.json as { options: Options }).options;
    expect(options).toMatchObject({
      model: 'opus',
      fallbackModel: 'sonnet',
      fallbackOnLimit: true,
      maxBudgetUsd: 2.5,
      appendSystemPrompt: 'Answer in French.',
      addDirs: [extra],
      mcpConfig: '{"mcpServers":{}}',
      disallowedTools: ['WebFetch', 'Bash(rm:*)'],
      resumeSessionId: '0b7c6f0e-4f1d-4f55-9b7a-1c2d3e4f5a6b',
    });
    const id = String((r.json as { id: number }).id);

    // --continue replaces --resume on update; other options stay.
    const u = await cnp('job', 'update', id, '--continue', '--json');
    expect(u.exitCode).toBe(0);
    const updated = (u.json as { options: Options }).options;
    expect(updated.continueSession).toBe(true);
    expect(updated).not.toHaveProperty('resumeSessionId');
    expect(updated.fallbackModel).toBe('sonnet');
  });

  it.each([
    { args: ['--max-budget-usd', '0'], message: /above zero/ },
    { args: ['--max-budget-usd', 'lots'], message: /not an amount/ },
    { args: ['--add-dir', '/no/such/folder/here'], message: /does not exist/ },
    { args: ['--fallback-on-limit'], message: /--fallback-model/ },
    { args: ['--resume', 'abc', '--continue'], message: /cannot be used with|conflict/i },
  ])('refuses $args with a clear message and changes nothing', async ({ args, message }) => {
    const before = snapshot(t.db);
    const r = await cnp('job', 'create', '--name', 'x', '--prompt', 'p', '--manual', ...args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(snapshot(t.db)).toEqual(before);
  });
});
