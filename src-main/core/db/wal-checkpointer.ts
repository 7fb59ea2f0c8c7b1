import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** Appended bytes between two checkpoints: about SQLite's own default (1,000 pages of 4 KB). */
const CHECKPOINT_EVERY_BYTES = 4 * 1024 * 1024;
/**
 * A burst of output this big starts the worker. Well below SQLite's own threshold (about 3 MB of
 * rows, WAL overhead included): the thread takes tens of milliseconds to start, and the writer's
 * threshold is raised at once, so the burst's first checkpoint is never the writer's.
 */
const START_AT_BYTES = 1024 * 1024;
/** While the worker checkpoints, the writer's own automatic checkpoint only backs it up (16 MB of WAL). */
const BACKSTOP_PAGES = 4096;
/** A quiet worker closes its connection: no thread or file handle lingers after a burst of output. */
const IDLE_CLOSE_MS = 2000;
/** How long closing the database waits for the worker's connection to close first. */
const CLOSE_WAIT_MS = 3000;

/**
 * Runs in the worker: its own connection to the same file, doing PASSIVE checkpoints on request.
 * Plain CommonJS so it needs no bundler entry of its own; the driver's path comes from the caller.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    Atomics.store(workerData.closed, 0, 1);
    Atomics.notify(workerData.closed, 0);
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage('done');
  } catch (err) {
    parentPort.postMessage('failed: ' + (err && err.message ? err.message : String(err)));
  }
});
parentPort.postMessage('ready');
`;

type State = 'off' | 'starting' | 'ready' | 'broken';

/**
 * Moves WAL checkpoints of a bulk writer (a run printing megabytes) off the event loop.
 *
 * In WAL mode every committed page is copied into the database file again by a checkpoint, which
 * SQLite runs inside the commit that crosses its threshold, with an fsync: while a chatty run was
 * ingested, those commits were the event loop's longest stalls and over half the time spent
 * storing its lines. Here a worker thread with its own connection checkpoints (PASSIVE: it never
 * blocks the writer) every few megabytes written, and the writer's automatic checkpoint is raised
 * meanwhile to a backstop. If the worker cannot start or fails, SQLite's own behaviour stays.
 */
export class WalCheckpointer {
  private state: State = 'off';
  private worker: Worker | null = null;
  private pendingBytes = 0;
  private busy = false;
  private again = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private savedAutocheckpoint: number | null = null;
  private closedFlag: Int32Array | null = null;
  private waiting: (() => void)[] = [];

  constructor(private readonly db: Database) {}

  /**
   * True while the worker copies the WAL into the database file. A bulk writer that holds its rows
   * meanwhile lets the whole WAL be copied, so the next commit starts the WAL over; rows written
   * during every checkpoint kept it from ever starting over, and it grew to the backstop, where
   * SQLite checkpoints inside a commit, fsync included, on the event loop.
   */
  get checkpointing(): boolean {
    return this.busy;
  }

  /** Calls `resume` once the running checkpoint is over (or the worker stopped). */
  afterCheckpoint(resume: () => void): void {
    if (!this.busy) return resume();
    this.waiting.push(resume);
  }

  /** `bytes` were just committed by the writer; checkpoints in the background when enough piled up. */
  wrote(bytes: number): void {
    if (this.state === 'broken' || this.db.memory || this.db.readonly) return;
    this.pendingBytes += bytes;
    if (this.state === 'off' && this.pendingBytes >= START_AT_BYTES) this.start();
    if (this.state !== 'ready' || this.pendingBytes < CHECKPOINT_EVERY_BYTES) return;
    this.pendingBytes = 0;
    this.request();
  }

  /**
   * The database is being closed: waits (briefly, synchronously) for the worker's connection to
   * close first, so the writer's connection is the last one and SQLite folds the WAL into the file
   * and removes it, as it did before there was a worker.
   */
  close(): void {
    const flag = this.closedFlag;
    const hadWorker = this.worker !== null;
    this.stop();
    if (hadWorker && flag) Atomics.wait(flag, 0, 0, CLOSE_WAIT_MS);
  }

  private start(): void {
    let driver: string;
    try {
      driver = createRequire(import.meta.url).resolve('better-sqlite3');
    } catch {
      this.state = 'broken';
      return;
    }
    this.state = 'starting';
    const closed = new Int32Array(new SharedArrayBuffer(4));
    this.closedFlag = closed;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: this.db.name, closed } });
    this.worker = worker;
    // Never what keeps the process alive: an exiting engine just leaves the checkpoint to SQLite.
    worker.unref();
    worker.on('message', (m: string) => this.onMessage(worker, m));
    worker.on('error', () => this.fail(worker));
    worker.on('exit', () => {
      if (this.worker === worker) this.fail(worker);
    });
    // From now, not from 'ready': the commits of the next tens of milliseconds would otherwise cross
    // SQLite's threshold and checkpoint on the event loop, fsync included (the ingest's longest stalls).
    this.savedAutocheckpoint = this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  }

  private onMessage(worker: Worker, m: string): void {
    if (this.worker !== worker) return;
    if (m === 'ready') {
      if (!this.db.open) return this.stop();
      this.state = 'ready';
      this.pendingBytes = 0;
      this.request();
      return;
    }
    if (m !== 'done') return this.fail(worker);
    this.busy = false;
    this.resumeWriters();
    if (this.again) {
      this.again = false;
      this.request();
    } else {
      this.armIdle();
    }
  }

  private request(): void {
    if (!this.worker) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.worker.postMessage('checkpoint');
  }

  private armIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), IDLE_CLOSE_MS);
    this.idleTimer.unref();
  }

  /** The worker is done with (idle, or the database closes): SQLite checkpoints by itself again. */
  private stop(): void {
    const worker = this.worker;
    this.worker = null;
    this.restoreAutocheckpoint();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.busy = false;
    this.again = false;
    if (this.state !== 'broken') this.state = 'off';
    worker?.postMessage('close');
    this.resumeWriters();
  }

  private resumeWriters(): void {
    const waiting = this.waiting;
    this.waiting = [];
    // A closed database takes no rows: whoever held them finds out when it next writes itself.
    if (this.db.open) for (const resume of waiting) resume();
  }

  /** Could not start or checkpoint: leave checkpoints to SQLite for the rest of this connection. */
  private fail(worker: Worker): void {
    if (this.worker !== worker) return;
    this.state = 'broken';
    this.worker = null;
    this.stop();
    void worker.terminate();
  }

  private restoreAutocheckpoint(): void {
    if (this.savedAutocheckpoint === null) return;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${this.savedAutocheckpoint}`);
    this.savedAutocheckpoint = null;
  }
}
