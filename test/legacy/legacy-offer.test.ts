import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { legacyOffer } from '../../src-main/core/legacy/offer';
import type { CoreContext } from '../../src-main/core/services/context';
import { ensureCliBuilt, runCli } from '../helpers/cli';
import { apiFor, call, tempStore, type TempStore } from '../helpers/temp-store';
import { buildLayout3 } from './legacy-fixtures';

ensureCliBuilt();

let t: TempStore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

describe('offering the legacy import on first start', () => {
  it('finds an old database in the Tauri data folder, offers it until it is imported or dismissed', async () => {
    t = tempStore();
    const home = path.join(t.dir, 'home');
    const appDir = path.join(home, '.local', 'share', 'com.claude-night-pilot.app');
    fs.mkdirSync(appDir, { recursive: true });
    const old = path.join(appDir, 'claude-night-pilot.db');
    buildLayout3(old);
    const ctx: CoreContext = { store: t.store, actor: 'ui', now: Date.now, engine: null, version: 'test' };
    const io = { home, cwd: t.dir, env: {}, platform: 'linux' as const };

    const offer = legacyOffer(ctx, io);
    expect(offer.candidates).toEqual([{ path: old, layouts: [expect.stringMatching(/^layout 3/)], prompts: 1, jobs: 5, imported: false }]);

    const api = apiFor(t.store);
    const report = await call(api, 'legacy.import', { path: old });
    expect(report.jobs.mapped.length).toBe(2);
    expect(legacyOffer(ctx, io).candidates).toEqual([]);

    // A second, untouched copy is offered until the user says no.
    const other = path.join(t.dir, 'claude-pilot.db');
    buildLayout3(other);
    expect(legacyOffer(ctx, io).candidates.map((c) => c.path)).toEqual([other]);
    await call(api, 'legacy.dismiss', { path: other });
    expect(legacyOffer(ctx, io).candidates).toEqual([]);
  });

  it('cnp import legacy: reports what it mapped and skipped, exits 2 for a path that is not an old database', async () => {
    t = tempStore();
    const old = path.join(t.dir, 'claude-night-pilot.db');
    buildLayout3(old);
    const db = path.join(t.dir, 'new.db');
    const dry = await runCli(['--db', db, 'import', 'legacy', old, '--dry-run']);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Jobs: 2 would be imported, 3 skipped.');
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    // "Nothing was written" includes the database itself: a dry run into a new path leaves no file.
    expect(fs.readdirSync(t.dir).filter((f) => f.startsWith('new.db'))).toEqual([]);

    const res = await runCli(['--db', db, 'import', 'legacy', old, '--with-history']);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/\+ jobs j-1 → job \d+ "PR review" \(cron 0 30 2 \* \* MON-FRI, enabled\)/);
    expect(res.stdout).toContain('- jobs j-2 "Yearly" skipped: cron "0 0 0 1 1 * 2031" is limited to year 2031');
    expect(res.stdout).toContain('History: 2 past run(s) imported as finished runs.');
    const again = await runCli(['--db', db, '--json', 'import', 'legacy', old]);
    expect(again.exitCode).toBe(0);
    expect((again.json as { jobs: { mapped: unknown[] } }).jobs.mapped).toEqual([]);

    const bad = await runCli(['--db', db, 'import', 'legacy', path.join(t.dir, 'missing.db')]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/no such file/);
  });
});
