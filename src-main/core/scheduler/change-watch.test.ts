import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeWatch, LOOK_EVERY_MS } from './wake-sources';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const waitUntil = async (done: () => boolean) => {
  const started = performance.now();
  while (!done() && performance.now() - started < 5000) await sleep(1);
  expect(done()).toBe(true);
};

/** A watch on a real folder whose "database" is committed to by another connection whenever `commit()` is called. */
function watchFolder(lookEveryMs = LOOK_EVERY_MS) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-watch-'));
  const dbPath = path.join(dir, 'x.db');
  fs.writeFileSync(dbPath, '');
  let version = 0;
  const state = { looks: 0, seen: 0, changes: 0 };
  const watch = new ChangeWatch({
    dataVersion: () => {
      state.looks += 1;
      state.seen = version;
      return version;
    },
    now: Date.now,
    onChange: () => (state.changes += 1),
    onClockJump: () => {},
    dbPath,
    pollMs: 60_000,
    lookEveryMs,
  });
  const commit = () => {
    version += 1;
    fs.appendFileSync(`${dbPath}-wal`, 'frame');
  };
  return { dir, watch, state, commit, version: () => version };
}

describe('the change watch', () => {
  let folder: ReturnType<typeof watchFolder> | null = null;
  afterEach(() => {
    folder?.watch.stop();
    if (folder) fs.rmSync(folder.dir, { recursive: true, force: true });
    folder = null;
  });

  it('looks at a commit after a quiet spell at once, not a period later', async () => {
    // A long period, so that a look held back by it could not pass for a slow machine.
    folder = watchFolder(2000);
    const f = folder;
    f.watch.start();
    f.commit();
    await waitUntil(() => f.state.changes === 1);
    // Two periods: a later event of that first commit may have brought one more look a period on.
    await sleep(4100);
    const at = performance.now();
    f.commit();
    await waitUntil(() => f.state.changes === 2);
    expect(performance.now() - at).toBeLessThan(1000);
  });

  it('looks once per period while commits keep coming, and still sees the last of them', async () => {
    folder = watchFolder();
    const f = folder;
    f.watch.start();
    const lookedBefore = f.state.looks;
    const started = performance.now();
    let commits = 0;
    // A commit on almost every turn of the event loop, for ten periods.
    while (performance.now() - started < 10 * LOOK_EVERY_MS) {
      f.commit();
      commits += 1;
      await sleep(2);
    }
    await sleep(3 * LOOK_EVERY_MS);
    const looks = f.state.looks - lookedBefore;
    expect(commits).toBeGreaterThan(50);
    // About one look per period (each may bring the second look after it); one per commit before.
    expect(looks).toBeLessThanOrEqual(25);
    expect(looks).toBeGreaterThanOrEqual(3);
    expect(f.state.seen).toBe(f.version());
  });
});
