import { afterEach, describe, expect, it } from 'vitest';
import { EventSink } from './event-sink';
import { EventBus } from '../events/bus';
import { openStore } from '../db/store';
import { apiFor, call, tempStore, waitFor, type TempStore } from '../../../test/helpers/temp-store';

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

  it('marks the log as cut only for what it cut itself, not for a printed line that says "truncated"', async () => {
    t = tempStore();
    const runId = await makeRun(t);
    const sink = new EventSink(t.store, null, runId, { maxBytes: 64 * 1024 * 1024, maxEvents: 100_000 });
    // A Claude line stored whole, whose own object has the field: it is not a cut line.
    const printed = { type: 'system', subtype: 'compact', truncated: true };
    sink.addJson('system', JSON.stringify(printed), printed);
    await sink.close();
    expect(t.store.events.list(runId, 0, 10).map((e) => e.payload)).toEqual([printed]);
    expect(t.store.runs.view(runId)?.eventsTruncated).toBe(false);

    const cutRunId = await makeRun(t);
    const cut = new EventSink(t.store, null, cutRunId, { maxBytes: 64 * 1024 * 1024, maxEvents: 100_000 });
    cut.addLine('stdout', { text: 'head of a long line', bytes: 20_000_000, truncated: true });
    await cut.close();
    expect(t.store.runs.view(cutRunId)?.eventsTruncated).toBe(true);

    // An executor's own preview of what it cut (a Claude event too big to store whole).
    const previewRunId = await makeRun(t);
    const preview = new EventSink(t.store, null, previewRunId, { maxBytes: 64 * 1024 * 1024, maxEvents: 100_000 });
    preview.add('assistant', { type: 'assistant', truncated: true, originalBytes: 5_000_000, preview: '{"type":"assi' });
    await preview.close();
    expect(t.store.runs.view(previewRunId)?.eventsTruncated).toBe(true);
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

describe('EventSink live viewers', () => {
  let t: TempStore;
  afterEach(() => t.cleanup());

  it('gives a viewer who starts listening after a line came in its payload, parsed back from the stored text', async () => {
    t = tempStore();
    const runId = await makeRun(t);
    const bus = new EventBus();
    const sink = new EventSink(t.store, bus, runId, { maxBytes: 64 * 1024 * 1024, maxEvents: 100_000 });
    sink.addJson('assistant', jsonOf(0, 1), JSON.parse(jsonOf(0, 1)));
    sink.add('system', { type: 'note', n: 2 });
    const heard: unknown[] = [];
    bus.on('run.event', (e) => heard.push(e.payload));
    sink.addJson('assistant', jsonOf(0, 3), JSON.parse(jsonOf(0, 3)));
    await sink.close();
    expect(heard).toEqual([JSON.parse(jsonOf(0, 1)), { type: 'note', n: 2 }, JSON.parse(jsonOf(0, 3))]);
  });
});

describe('EventSink with the background writer', () => {
  let t: TempStore;
  afterEach(() => t.cleanup());

  type Writer = { takesAppends: boolean; worker: { terminate(): Promise<number> } | null };
  const writerOf = (t: TempStore) => (t.store.events as unknown as { background: Writer }).background;

  /** A sink past the first megabytes of a flood, once the background writer takes its batches. */
  async function floodedSink(bus: EventBus | null = null): Promise<{ runId: number; sink: EventSink; next: number }> {
    const runId = await makeRun(t);
    const sink = new EventSink(t.store, bus, runId, { maxBytes: 1024 ** 3, maxEvents: 1_000_000 });
    let next = 1;
    for (; next <= 3000; next++) sink.addJson('assistant', jsonOf(1, next), { n: next });
    sink.flush();
    await waitFor(() => writerOf(t).takesAppends);
    return { runId, sink, next };
  }

  it('holds its batches while the worker that will take them starts, then hands them to it', async () => {
    t = tempStore();
    const runId = await makeRun(t);
    const sink = new EventSink(t.store, null, runId, { maxBytes: 1024 ** 3, maxEvents: 1_000_000 });
    for (let i = 1; i <= 5000; i++) sink.addJson('assistant', jsonOf(1, i), null);
    // Its first megabyte was written here and started the worker; the rest waits for it, unwritten.
    const first = t.store.runs.view(runId)!.eventCount;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(1000);
    expect(writerOf(t).takesAppends).toBe(false);
    await waitFor(() => writerOf(t).takesAppends);
    await sink.close();
    expect(t.store.events.list(runId, 0, 10_000).map((e) => e.seq)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
  });

  it('hands batches to the worker, and tells live viewers of an event only once it is stored', async () => {
    t = tempStore();
    const bus = new EventBus();
    const heard: number[] = [];
    const unstored: number[] = [];
    const { runId, sink, next } = await floodedSink(bus);
    bus.on('run.event', (e) => {
      heard.push(e.seq);
      if (t.store.events.list(runId, e.seq - 1, 1)[0]?.seq !== e.seq) unstored.push(e.seq);
    });
    const last = next + 4999;
    for (let i = next; i <= last; i++) sink.addJson('assistant', jsonOf(1, i), { n: i });
    sink.flush();
    // Handed over, not written here: the event loop is free before the worker has confirmed them.
    expect(heard).toEqual([]);
    await sink.close();
    expect(unstored).toEqual([]);
    expect(heard).toEqual(Array.from({ length: last - next + 1 }, (_, i) => next + i));
    expect(t.store.events.list(runId, 0, 10_000).map((e) => e.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(t.store.runs.view(runId)?.eventCount).toBe(last);
  });

  it('writes the batches itself, in order, when the worker dies with them unconfirmed', async () => {
    t = tempStore();
    const { runId, sink, next } = await floodedSink();
    const last = next + 4999;
    for (let i = next; i <= last; i++) sink.addJson('assistant', jsonOf(1, i), { n: i });
    sink.flush();
    await writerOf(t).worker!.terminate();
    await sink.close();
    expect(t.store.events.list(runId, 0, 10_000).map((e) => e.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(t.store.runs.view(runId)?.eventCount).toBe(last);
    expect(writerOf(t).takesAppends).toBe(false);
  });

  it('closing the database stores what the worker was handed', async () => {
    t = tempStore();
    const { runId, sink, next } = await floodedSink();
    const last = next + 4999;
    for (let i = next; i <= last; i++) sink.addJson('assistant', jsonOf(1, i), { n: i });
    sink.flush();
    t.store.close();
    const again = openStore(t.dbPath);
    try {
      expect(again.events.list(runId, 0, 10_000).map((e) => e.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
      expect(again.runs.view(runId)?.eventCount).toBe(last);
    } finally {
      again.close();
    }
  });

  it('paces the output it is given while the worker is behind, and lets it go on once it caught up', async () => {
    t = tempStore();
    const { runId, sink, next } = await floodedSink();
    // Another connection's write lock holds the worker's commits back, as a slow disk would.
    const locker = openStore(t.dbPath);
    locker.db.exec('BEGIN IMMEDIATE');
    const last = next + 19_999;
    for (let i = next; i <= last; i++) sink.addJson('assistant', jsonOf(1, i), { n: i });
    sink.flush();
    const wait = sink.paced();
    expect(wait).not.toBeNull();
    let resumed = false;
    void wait!.then(() => (resumed = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed).toBe(false);
    locker.db.exec('COMMIT');
    locker.close();
    await waitFor(() => resumed);
    expect(sink.paced()).toBeNull();
    await sink.close();
    expect(t.store.events.list(runId, last - 1, 10).map((e) => e.seq)).toEqual([last]);
    expect(t.store.runs.view(runId)?.eventCount).toBe(last);
  });

  it('a run deleted while its batches wait leaves no rows behind and stops nothing', async () => {
    t = tempStore();
    const { runId, sink, next } = await floodedSink();
    for (let i = next; i < next + 3000; i++) sink.addJson('assistant', jsonOf(1, i), { n: i });
    t.store.db.prepare('DELETE FROM runs WHERE id = ?').run(runId);
    sink.flush();
    await sink.close();
    expect(t.store.db.prepare('SELECT COUNT(*) AS n FROM run_events WHERE run_id = ?').get(runId)).toEqual({ n: 0 });
  });
});
