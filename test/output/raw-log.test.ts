import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { invoke } from '../../src-main/core/api';
import { Engine } from '../../src-main/core/engine';
import { DailyMaintenance, type MaintenancePass } from '../../src-main/core/maintenance/daily';
import { rawLogDir, rawLogFile } from '../../src-main/core/raw-log/paths';
import { MASK } from '../../src-main/core/redaction/redact';
import type { Run } from '../../src-shared/domain';
import { FAKE_CLAUDE, call, tempStore, waitFor, type TempStore } from '../helpers/temp-store';

let t: TempStore | null = null;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
  t?.cleanup();
  t = null;
});

async function startEngine(settings: Record<string, unknown>) {
  t = tempStore();
  engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' } });
  await engine.start();
  const api = engine.api('ui');
  if (Object.keys(settings).length) await call(api, 'settings.set', settings);
  return api;
}

async function runJob(api: ReturnType<Engine['api']>, job: Record<string, unknown>): Promise<Run> {
  const created = await call(api, 'jobs.create', { name: `job ${Math.random()}`, schedule: { type: 'manual', timezone: 'UTC' }, ...job });
  const run = await call(api, 'jobs.runNow', { id: created.id });
  return waitFor(() => {
    const v = t!.store.runs.view(run.id);
    return v?.finishedAt ? v : null;
  }, 60_000);
}

const fileOf = (runId: number) => rawLogFile(t!.dbPath, runId)!;
const linesOf = (runId: number) => fs.readFileSync(fileOf(runId), 'utf8').split('\n').slice(0, -1);

describe.skipIf(process.platform === 'win32')('the full log of a run', () => {
  it('has all 100,000 lines of `seq 1 100000` while the database keeps only the head and the tail', async () => {
    const api = await startEngine({ maxOutputBytesPerRun: 256 * 1024 });
    const run = await runJob(api, { kind: 'shell', command: 'seq 1 100000' });
    expect(run.status).toBe('succeeded');
    // The database has the head, a marker, and the tail: far fewer than 100,000 lines.
    expect(run.eventsTruncated).toBe(true);
    const stored = t!.store.events.list(run.id, 0, 1_000_000);
    expect(stored.length).toBeLessThan(50_000);
    expect(stored.some((e) => (e.payload as { type?: string }).type === 'truncated')).toBe(true);

    const lines = linesOf(run.id);
    expect(lines).toHaveLength(100_000);
    expect(lines[0]).toBe('1');
    expect(lines[49_999]).toBe('50000');
    expect(lines.at(-1)).toBe('100000');
    // The run says a complete full log exists, and how big it is.
    const size = fs.statSync(fileOf(run.id)).size;
    expect(run.rawLogBytes).toBe(size);
    expect(run.rawLogComplete).toBe(true);
    expect(path.dirname(fileOf(run.id))).toBe(`${t!.dbPath}-logs`);
  }, 90_000);

  it('starts a fresh file when a run id comes round again (SQLite reuses the ids of deleted runs)', async () => {
    const api = await startEngine({});
    // What a deleted job's run left behind, before the daily sweep removed it.
    fs.mkdirSync(rawLogDir(t!.dbPath)!, { recursive: true });
    fs.writeFileSync(rawLogFile(t!.dbPath, 1)!, 'output of a job that was deleted\n');
    const run = await runJob(api, { kind: 'shell', command: 'echo mine' });
    expect(run.id).toBe(1);
    expect(fs.readFileSync(fileOf(run.id), 'utf8')).toBe('mine\n');
    expect(run.rawLogBytes).toBe(5);
  }, 60_000);

  it('masks credential keys in the kept head of a line too long to keep whole', async () => {
    const api = await startEngine({});
    const run = await runJob(api, { kind: 'shell', command: `printf '{"api_key":"sk-live-1","data":"'; head -c 3000000 /dev/zero | tr '\\0' a; echo '"}'` });
    expect(run.status).toBe('succeeded');
    const text = fs.readFileSync(fileOf(run.id), 'utf8');
    expect(text).not.toContain('sk-live-1');
    expect(text).toContain(`{"api_key":"${MASK}","data":"aaa`);
    // The stored event, as every transport shows it (invoke masks outputs), has the same head masked.
    const shown = JSON.stringify(await invoke(api, 'runs.events', { runId: run.id }));
    expect(shown).toContain('api_key');
    expect(shown).not.toContain('sk-live-1');
  }, 60_000);

  it('stops at its size cap, says so in its last line, and records that it is not complete', async () => {
    const api = await startEngine({ rawLogMaxBytes: 1024 * 1024 });
    const run = await runJob(api, { kind: 'shell', command: 'seq 1 300000' });
    expect(run.status).toBe('succeeded');
    expect(run.rawLogComplete).toBe(false);
    const lines = linesOf(run.id);
    const marker = lines.at(-1)!;
    const kept = lines.slice(0, -1);
    expect(kept.map(Number)).toEqual(kept.map((_, i) => i + 1));
    // Whole lines up to the cap; everything after is counted in the marker.
    const keptBytes = kept.reduce((n, l) => n + l.length + 1, 0);
    expect(keptBytes).toBeLessThanOrEqual(1024 * 1024);
    expect(keptBytes + 8).toBeGreaterThan(1024 * 1024);
    expect(marker).toBe(`[cnp] The full log stops here: it reached its 1.0 MB cap, so ${(300_000 - kept.length).toLocaleString('en-US')} more lines (${marker.match(/\((.+)\)/)![1]}) were not kept.`);
    expect(run.rawLogBytes).toBe(fs.statSync(fileOf(run.id)).size);
  }, 90_000);

  it('masks secrets in shell output as the log view does', async () => {
    const api = await startEngine({});
    const run = await runJob(api, {
      kind: 'shell',
      command: `echo "fetch https://ann:hunter2@example.com/x?token=tok123&page=2"; echo "Authorization: Bearer abcdefgh12345" >&2; echo "DB_PASSWORD=hunter2 done"; echo plain`,
    });
    const text = fs.readFileSync(fileOf(run.id), 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('tok123');
    expect(text).not.toContain('abcdefgh12345');
    expect(text).toContain(`https://${MASK}@example.com/x?token=${MASK}&page=2`);
    expect(text).toContain(`DB_PASSWORD=${MASK} done`);
    expect(text.split('\n')).toContain('plain');
    expect(run.rawLogComplete).toBe(true);
  });

  it('keeps a Claude run’s stream-json lines, masked', async () => {
    const api = await startEngine({ claudePath: FAKE_CLAUDE });
    const run = await runJob(api, {
      kind: 'claude',
      prompt: 'say it',
      options: { env: { FAKE_CLAUDE_TEXT: 'connect with postgres://app:hunter2@db.internal/main please' } },
    });
    expect(run.status).toBe('succeeded');
    const lines = linesOf(run.id);
    const parsed = lines.map((l) => JSON.parse(l) as { type: string });
    expect(parsed[0]!.type).toBe('system');
    expect(parsed.at(-1)!.type).toBe('result');
    const text = lines.join('\n');
    expect(text).not.toContain('hunter2');
    expect(text).toContain(`postgres://${MASK}@db.internal/main`);
    // Lines with nothing to mask are written exactly as Claude printed them.
    expect(lines[0]).toBe(JSON.stringify(t!.store.events.list(run.id, 0, 1)[0]!.payload));
  });

  it('writes nothing when the setting is off, and the run says there is no full log', async () => {
    const api = await startEngine({ keepRawLogs: false });
    const run = await runJob(api, { kind: 'shell', command: 'echo hi' });
    expect(run.status).toBe('succeeded');
    expect(run.rawLogBytes).toBeNull();
    expect(fs.existsSync(fileOf(run.id))).toBe(false);
  });

  it('refuses a bad cap in plain words and changes nothing', async () => {
    const api = await startEngine({});
    const before = t!.store.settings.getAll();
    for (const [input, message] of [
      [{ rawLogMaxBytes: 1000 }, 'rawLogMaxBytes: must be at least 1 MB (1048576 bytes)'],
      [{ rawLogMaxBytes: 2 * 1024 * 1024 + 0.5 }, 'rawLogMaxBytes: must be a whole number of bytes'],
      [{ rawLogMaxBytes: '200MB' }, 'rawLogMaxBytes: must be a number of bytes'],
      [{ keepRawLogs: 'yes' }, 'keepRawLogs: must be true or false'],
    ] as const) {
      // invoke() is what every transport (IPC, HTTP, CLI) calls: schema first, then the handler.
      const result = await invoke(api, 'settings.set', input);
      expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message, field: message.split(':')[0] } });
    }
    expect(t!.store.settings.getAll()).toEqual(before);
  });

  it('goes with its run: deleting the job, retention, and the sweep of orphans', async () => {
    const api = await startEngine({});
    const kept = await runJob(api, { kind: 'shell', command: 'echo keep' });
    const doomed = await runJob(api, { kind: 'shell', command: 'echo doomed' });
    const old = await runJob(api, { kind: 'shell', command: 'echo old' });
    for (const r of [kept, doomed, old]) expect(fs.existsSync(fileOf(r.id))).toBe(true);

    // Deleting a job removes its runs' files at once.
    await call(api, 'jobs.delete', { id: doomed.jobId });
    expect(fs.existsSync(fileOf(doomed.id))).toBe(false);
    expect(fs.existsSync(fileOf(kept.id))).toBe(true);

    // Retention deletes the old run and its file; the sweep removes a file whose run is gone and
    // leaves other files in the folder alone.
    await engine!.stop();
    engine = null;
    t!.store.db.prepare('UPDATE runs SET finished_at = ? WHERE id = ?').run(Date.now() - 400 * 86_400_000, old.id);
    const orphan = fileOf(999_999);
    fs.writeFileSync(orphan, 'left behind\n');
    const notes = path.join(rawLogDir(t!.dbPath)!, 'notes.txt');
    fs.writeFileSync(notes, 'mine');
    const passes: MaintenancePass[] = [];
    // The engine did today's pass when it started: this one is the next day's.
    const daily = new DailyMaintenance(t!.store, { onPass: (p) => passes.push(p) });
    daily.poke(Date.now() + 86_400_000);
    await daily.idle();
    expect(passes[0]).toMatchObject({ deletedRuns: 1, deletedRawLogs: 2, error: null });
    expect(fs.existsSync(fileOf(old.id))).toBe(false);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(notes)).toBe(true);
    expect(fs.existsSync(fileOf(kept.id))).toBe(true);
  });
  it('is opened after the spawn, not between "due" and "spawn", and exists even when nothing was printed', async () => {
    t = tempStore();
    const atSpawn: { file: boolean; rawLogBytes: number | null | undefined }[] = [];
    engine = new Engine({
      store: t.store,
      version: 'test',
      env: { ...process.env, CNP_LOGIN_PATH: '0' },
      onSpawn: (runId) => atSpawn.push({ file: fs.existsSync(fileOf(runId)), rawLogBytes: t!.store.runs.rawLogBytes(runId) }),
    });
    await engine.start();
    const api = engine.api('ui');
    const printing = await runJob(api, { kind: 'shell', command: 'echo hello' });
    const silent = await runJob(api, { kind: 'shell', command: 'true' });
    expect(atSpawn).toEqual([
      { file: false, rawLogBytes: null },
      { file: false, rawLogBytes: null },
    ]);
    expect(linesOf(printing.id)).toEqual(['hello']);
    expect(printing.rawLogBytes).toBe(6);
    expect(fs.readFileSync(fileOf(silent.id), 'utf8')).toBe('');
    expect(silent.rawLogBytes).toBe(0);
    expect(silent.rawLogComplete).toBe(true);
  }, 60_000);
});
