import fs from 'node:fs';
import type { RunEventKind, Settings } from '../../../src-shared/domain';
import type { Store } from '../db/store';
import type { EventBus } from '../events/bus';
import { EventSink, type OutputBudget } from '../executors/event-sink';
import type { OutputLine } from '../executors/output/bounded-lines';
import { rawLogFile } from './paths';
import { RawLogWriter } from './writer';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

/**
 * The event sink of a run that keeps a full log: every output line goes to the database as before
 * (head and tail), and also, whole, to the run's file. A subclass rather than a change inside the
 * sink, so the ingest path itself stays as it is; the engine's own notes (system events) are not
 * output and stay out of the file.
 */
export class RawLogSink extends EventSink {
  constructor(
    store: Store,
    bus: EventBus | null,
    runId: number,
    budget: OutputBudget,
    now: (() => number) | undefined,
    private readonly raw: RawLogWriter,
    private readonly record: (outcome: { bytes: number; complete: boolean }) => void,
  ) {
    super(store, bus, runId, budget, now);
  }

  override addLine(kind: 'stdout' | 'stderr', line: OutputLine): void {
    if (line.truncated) this.raw.cutLine(line.text, line.bytes);
    else this.raw.line(line.text);
    super.addLine(kind, line);
  }

  override addJson(kind: RunEventKind, json: string, payload: unknown, bytes?: number): void {
    this.raw.jsonLine(json, payload);
    super.addJson(kind, json, payload, bytes);
  }

  override add(kind: RunEventKind, payload: unknown): void {
    if (kind !== 'system' && isObj(payload)) {
      // An HTTP body, a Claude line that was not JSON (cut past 1 MB), or a Claude event too big to
      // store whole (a preview).
      const head = typeof payload.text === 'string' ? payload.text : typeof payload.preview === 'string' ? payload.preview : null;
      if (head !== null && payload.truncated === true) this.raw.cutLine(head, Number(payload.originalBytes) || 0);
      else if (typeof payload.text === 'string') this.raw.line(payload.text);
    }
    super.add(kind, payload);
  }

  override markTruncated(): void {
    this.raw.markIncomplete();
    super.markTruncated();
  }

  override flush(): void {
    super.flush();
    this.raw.flush();
  }

  override async close(): Promise<void> {
    await super.close();
    this.record(this.raw.close());
  }
}

/**
 * The sink a run writes its output through: with a full log when the settings keep them. A run
 * without one that already had one (deferred, then the setting turned off) says its file is partial.
 */
export function openRunSink(store: Store, bus: EventBus | null, runId: number, settings: Settings, now?: () => number): EventSink {
  const budget: OutputBudget = { maxBytes: settings.maxOutputBytesPerRun, maxEvents: settings.maxEventsPerRun };
  const file = rawLogFile(store.path, runId);
  const hadLog = store.runs.rawLogBytes(runId) != null;
  const writer = settings.keepRawLogs && file !== null ? RawLogWriter.open(file, settings.rawLogMaxBytes, hadLog) : null;
  if (writer === null) {
    if (file !== null && hadLog) store.runs.setRawLog(runId, fileSize(file), false);
    return new EventSink(store, bus, runId, budget, now);
  }
  store.runs.setRawLog(runId, writer.size, false);
  return new RawLogSink(store, bus, runId, budget, now, writer, (o) => {
    try {
      store.runs.setRawLog(runId, o.bytes, o.complete);
    } catch {
      // The run was deleted meanwhile (its job removed); its file is swept as an orphan.
    }
  });
}

function fileSize(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}
