/** `cnp doctor`'s Claude part: the CLI version, the login (no token spent), the current and last limit. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/core/db/store';
import { ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';
import { FAKE_CLAUDE } from '../helpers/temp-store';

ensureCliBuilt();

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

interface Doctor {
  claude: { version: string | null };
  claudeLogin: { loggedIn: boolean | null; method: string | null; detail: string };
  cooldown: { cooling: boolean; scope: string | null; cooldowns: { scope: string; resetsAt: string }[]; last: { scope: string; message: string } | null };
  problems: string[];
}

describe('cnp doctor: Claude', () => {
  it('reports the version, a missing login as a problem, and the current and last limit with scope and reset', async () => {
    const home = path.join(t.dir, 'home');
    fs.mkdirSync(home);
    const env = { HOME: home, CNP_CLAUDE_PATH: FAKE_CLAUDE, FAKE_CLAUDE_VERSION: '2.0', ANTHROPIC_API_KEY: undefined, CLAUDE_CODE_OAUTH_TOKEN: undefined, CLAUDE_CONFIG_DIR: undefined };
    // A weekly Opus limit in force, and before it a five-hour one that ended.
    const store = openStore(t.db);
    const now = Date.now();
    const old = store.cooldowns.start({ startedAt: now - 7_200_000, resetsAt: now - 3_600_000, source: 'rate_limit_event', message: "You've hit your limit", runId: null, limitType: 'five_hour' });
    store.cooldowns.clear(old.id, now - 3_600_000, 'reset');
    store.cooldowns.start({ startedAt: now, resetsAt: now + 3 * 86_400_000, source: 'rate_limit_event', message: "You've hit your Opus limit · resets Nov 25, 3pm (UTC)", runId: null, scope: 'opus', limitType: 'seven_day_opus' });
    store.close();

    const r = await runCli(['--db', t.db, '--json', 'doctor'], { env });
    const d = r.json as Doctor;
    expect(d.claude.version).toBe('2.0.76 (Claude Code)');
    expect(d.claudeLogin).toMatchObject({ loggedIn: false, method: null });
    expect(d.problems.some((p) => p.startsWith('Claude is not logged in for scheduled runs'))).toBe(true);
    expect(r.exitCode).toBe(1);
    expect(d.cooldown).toMatchObject({ cooling: true, scope: 'opus' });
    expect(d.cooldown.cooldowns).toEqual([expect.objectContaining({ scope: 'opus' })]);
    expect(d.cooldown.last).toMatchObject({ scope: 'opus', message: expect.stringContaining('Opus limit') });

    const text = await runCli(['--db', t.db, 'doctor'], { env });
    expect(text.stdout).toMatch(/claude login:\s+NOT logged in/);
    expect(text.stdout).toMatch(/current limit:\s+opus runs only, seven_day_opus, resets /);

    // Logged in with a saved login: no problem about it.
    fs.mkdirSync(path.join(home, '.claude'));
    fs.writeFileSync(path.join(home, '.claude', '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: 'x', refreshToken: 'y', expiresAt: now + 3_600_000 } }));
    const healthy = await runCli(['--db', t.db, '--json', 'doctor'], { env });
    const ok = healthy.json as Doctor;
    expect(ok.claudeLogin).toMatchObject({ loggedIn: true, method: 'saved login' });
    // A working, logged-in Claude and no jobs waiting on an engine: nothing to fix, exit 0
    // (a limit in force is reported but is not a problem the user must act on).
    expect(ok.problems).toEqual([]);
    expect(healthy.exitCode).toBe(0);
    const healthyText = await runCli(['--db', t.db, 'doctor'], { env });
    expect(healthyText.stdout).toContain('No problems found.');
    expect(healthyText.exitCode).toBe(0);
  });
});
