import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../../test/helpers/temp-store';

let t: TempStore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

/** SQLite's WAL-index (the -shm file, see its walformat page): frames in the WAL, and how many a checkpoint copied back. */
function walIndex(dbPath: string): { frames: number; backfilled: number } {
  const shm = fs.readFileSync(`${dbPath}-shm`);
  return { frames: shm.readUInt32LE(16), backfilled: shm.readUInt32LE(96) };
}

const autocheckpoint = (s: TempStore) => s.store.db.pragma('wal_autocheckpoint', { simple: true }) as number;

describe('commits made without the automatic checkpoint (how the engine fires runs)', () => {
  it('leave the WAL to a later commit, which checkpoints as before', () => {
    t = tempStore();
    t.store.db.pragma('wal_autocheckpoint = 4');
    t.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const seenInside = t.store.events.withoutAutoCheckpoint(() => {
      for (let i = 0; i < 20; i++) t!.store.state.set(`k${i}`, i);
      return autocheckpoint(t!);
    });
    expect(seenInside).toBe(0);
    const inside = walIndex(t.dbPath);
    expect(inside.frames).toBeGreaterThan(4);
    expect(inside.backfilled).toBe(0);

    expect(autocheckpoint(t)).toBe(4);
    t.store.state.set('after', 1);
    expect(walIndex(t.dbPath).backfilled).toBeGreaterThan(0);
  });

  it('give the setting back when the work throws, and leave a setting of 0 alone', () => {
    t = tempStore();
    t.store.db.pragma('wal_autocheckpoint = 7');
    expect(() =>
      t!.store.events.withoutAutoCheckpoint(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(autocheckpoint(t)).toBe(7);
    t.store.db.pragma('wal_autocheckpoint = 0');
    t.store.events.withoutAutoCheckpoint(() => undefined);
    expect(autocheckpoint(t)).toBe(0);
  });
});
