import { afterEach, describe, expect, it } from 'vitest';
import { EventSink } from './event-sink';
import { apiFor, call, tempStore, type TempStore } from '../../../test/helpers/temp-store';

async function makeRun(t: TempStore): Promise<number> {
  const job = await call(apiFor(t.store), 'jobs.create', { name: 'big lines', kind: 'claude', prompt: 'p', schedule: { type: 'manual', timezone: 'UTC' } });
  return t.store.runs.insert({ jobId: job.id, trigger: 'manual', status: 'queued', priority: 5, scheduledFor: 0 }, 0)!;
}

const jsonOf = (kb: number, i: number) => JSON.stringify({ type: 'assistant', message: { content: [{ type: 'text', text: `${i} ${'y'.repeat(kb * 1024)}` }] } });

describe('EventSink batches', () => {
  let t: TempStore;
  afterEach(() => t.cleanup());

  it('holds its batches while a background checkpoint runs, then writes them in order a batch per turn', async () => {
    t = tempStore();
    const runId = await makeRun(t);
    // Stands for a checkpoint in progress: the worker's own timing cannot be steered from a test.
    let resume: (() => void) | null = null;
    t.store.events.holdWrites = (r) => {
      if (resume) return true;
      resume = r;
      return true;
    };
    const sink = new EventSink(t.store, null, runId, { maxBytes: 64 * 1024 * 1024, maxEvents: 100_000 });
    for (let i = 1; i <= 2500; i++) sink.addJson('assistant', jsonOf(0, i), null);
    expect(t.store.events.list(runId, 0, 10)).toHaveLength(0);
    t.store.events.holdWrites = () => false;
    resume!();
    // One batch of a thousand at once; the rest on the following turns.
    expect(t.store.runs.view(runId)?.eventCount).toBe(1000);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    await sink.close();
    expect(t.store.events.list(runId, 0, 3000).map((e) => e.seq)).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
  });

  it('writes a batch once it holds a megabyte, without waiting for the timer or a thousand events', async () => {
    t = tempStore();
    const runId = await makeRun(t);
    const sink = new EventSink(t.store, null, runId, { maxBytes: 64 * 1024 * 1024, maxEvents: 100_000 });
    sink.addJson('assistant', jsonOf(400, 1), null);
    sink.addJson('assistant', jsonOf(400, 2), null);
    // Two lines, 800 KB: still gathering.
    expect(t.store.events.list(runId, 0, 10)).toHaveLength(0);
    sink.addJson('assistant', jsonOf(400, 3), null);
    // Past 1 MB: stored in this same turn, in order, with the run's count.
    expect(t.store.events.list(runId, 0, 10).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(t.store.runs.view(runId)?.eventCount).toBe(3);
    sink.addJson('assistant', jsonOf(1, 4), null);
    await sink.close();
    expect(t.store.events.list(runId, 0, 10).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('small lines still wait for the batch: a thousand of them, or the timer', async () => {
    t = tempStore();
    const runId = await makeRun(t);
    const sink = new EventSink(t.store, null, runId, { maxBytes: 64 * 1024 * 1024, maxEvents: 100_000 });
    for (let i = 1; i < 1000; i++) sink.addJson('assistant', jsonOf(0, i), null);
    expect(t.store.events.list(runId, 0, 10)).toHaveLength(0);
    sink.addJson('assistant', jsonOf(0, 1000), null);
    expect(t.store.runs.view(runId)?.eventCount).toBe(1000);
    await sink.close();
  });
});
