import { describe, expect, it } from 'vitest';
import { DueTimer, EARLY_WAKE_MS } from './wake-sources';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves with the clock reading `onDue` saw, and how many times it was called by then. */
function fired(now: () => number): { timer: DueTimer; at: Promise<number>; calls: () => number } {
  let calls = 0;
  let resolve!: (t: number) => void;
  const at = new Promise<number>((r) => (resolve = r));
  const timer = new DueTimer(now, () => {
    calls += 1;
    resolve(now());
  });
  return { timer, at, calls: () => calls };
}

describe('DueTimer', () => {
  it('never fires before its instant, although it wakes early to poll the last stretch', async () => {
    for (let i = 0; i < 20; i++) {
      const { timer, at } = fired(Date.now);
      const due = Date.now() + EARLY_WAKE_MS + 3 + (i % 5);
      timer.arm(due);
      expect(await at).toBeGreaterThanOrEqual(due);
    }
  });

  it('fires once, at once, for an instant already past', async () => {
    const f = fired(Date.now);
    f.timer.arm(Date.now() - 1000);
    await f.at;
    await sleep(EARLY_WAKE_MS + 10);
    expect(f.calls()).toBe(1);
  });

  it('disarmed while polling the last stretch, it does not fire', async () => {
    // A clock standing just before the instant keeps the timer polling; it is read once when armed.
    let reads = 0;
    const f = fired(() => {
      reads += 1;
      return 1_000;
    });
    f.timer.arm(1_001 + EARLY_WAKE_MS);
    while (reads < 3) await new Promise((r) => setImmediate(r));
    f.timer.disarm();
    await sleep(20);
    expect(f.calls()).toBe(0);
  });

  it('fires even when its clock never reaches the instant (a fake clock that stands still)', async () => {
    const f = fired(() => 5_000);
    f.timer.arm(5_001);
    expect(await f.at).toBe(5_000);
    expect(f.calls()).toBe(1);
  });

  it('re-armed for a new instant, fires only for the new one', async () => {
    let now = 0;
    const f = fired(() => now);
    f.timer.arm(10_000);
    f.timer.arm(1);
    now = 1;
    expect(await f.at).toBe(1);
    await sleep(30);
    expect(f.calls()).toBe(1);
  });
});

describe('DueTimer, polling the last stretch', () => {
  it('sleeps between looks at the clock rather than turning the event loop as fast as it can', async () => {
    let looks = 0;
    const now = () => {
      looks += 1;
      return Date.now();
    };
    const f = fired(now);
    const due = Date.now() + 50;
    f.timer.arm(due);
    await sleep(20);
    const before = looks;
    expect(await f.at).toBeGreaterThanOrEqual(due);
    // About EARLY_WAKE_MS / 0.1 ms slices, two looks each; a turn per look made hundreds.
    expect(looks - before).toBeLessThanOrEqual(80);
  });
});
