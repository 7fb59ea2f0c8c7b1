import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database, Statement } from 'better-sqlite3';
import { RUN_EVENT_KINDS } from '../../../src-shared/domain';
import { COUNT_RUN_EVENTS_SQL, ROWS_PER_INSERT, insertRunEventsSql } from './run-events-sql';
import { pagesOf } from './open';

/** Appended bytes between two checkpoints: about the writer's own threshold (WAL_CHECKPOINT_BYTES). */
const CHECKPOINT_EVERY_BYTES = 4 * 1024 * 1024;
/**
 * A burst of output this big starts the worker. Well below the writer's own threshold
 * (WAL_CHECKPOINT_BYTES of WAL: about 3 MB of rows, WAL overhead included): the thread takes tens
 * of milliseconds to start, and the writer's threshold is raised at once, so the burst's first
 * checkpoint is never the writer's.
 */
const START_AT_BYTES = 1024 * 1024;
/** While the worker checkpoints, the writer's own automatic checkpoint only backs it up, at this much WAL. */
export const BACKSTOP_BYTES = 16 * 1024 * 1024;
/** A quiet worker closes its connection: no thread or file handle lingers after a burst of output. */
const IDLE_CLOSE_MS = 2000;
/** How long closing the database waits for the worker's connection to close first. */
const CLOSE_WAIT_MS = 3000;

/**
 * Runs in the worker: its own connection to the same file, doing PASSIVE checkpoints on request and
 * storing the batches of run output handed to it (then checkpointing itself every few megabytes).
 * Plain CommonJS so it needs no bundler entry of its own; the driver's path comes from the caller.
 * Its SQL comes in workerData from run-events-sql.ts, which EventsRepo.appendRows uses too.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// Per connection, like the engine's own: a commit waits for the disk only at checkpoints.
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -2000');
// run_events' two constraints are checked here once per row rather than by SQLite for every row,
// which cost a fifth of storing it (the CHECK's IN list above all): the kind against the same list,
// and the run's existence by the count UPDATE at the end of the same transaction, which throws
// (and so rolls the batch back) when the run is gone. Only this connection, only these writes.
db.pragma('foreign_keys = OFF');
db.pragma('ignore_check_constraints = ON');
const KINDS = new Set(workerData.sql.kinds);
const GROUP = workerData.sql.rowsPerInsert;
const statements = new Map();
const prepare = (sql) => {
  let s = statements.get(sql);
  if (!s) statements.set(sql, (s = db.prepare(sql)));
  return s;
};
const update = () => prepare(workerData.sql.countEvents);
// data_version moves when another connection commits: the engine's own, or another process's.
const dataVersion = db.prepare('PRAGMA data_version').pluck();
let seenVersion = dataVersion.get();
let othersCommitted = false;
const lookForOthers = () => {
  const v = dataVersion.get();
  if (v !== seenVersion) othersCommitted = true;
  seenVersion = v;
};
let unfolded = 0;
const append = db.transaction((m) => {
  const n = m.rows.length / 4;
  for (let r = 2; r < m.rows.length; r += 4) {
    if (!KINDS.has(m.rows[r])) throw new Error('CHECK constraint failed: run_events.kind cannot be ' + JSON.stringify(m.rows[r]));
  }
  let i = 0;
  if (n >= GROUP) {
    const many = prepare(workerData.sql.insertGroup);
    const args = new Array(GROUP * 5);
    for (; i + GROUP <= n; i += GROUP) {
      for (let k = 0; k < GROUP; k++) {
        const from = (i + k) * 4;
        const at = k * 5;
        args[at] = m.runId;
        args[at + 1] = m.rows[from];
        args[at + 2] = m.rows[from + 1];
        args[at + 3] = m.rows[from + 2];
        args[at + 4] = m.rows[from + 3];
      }
      many.run(args);
    }
  }
  const one = prepare(workerData.sql.insertOne);
  for (; i < n; i++) one.run(m.runId, m.rows[i * 4], m.rows[i * 4 + 1], m.rows[i * 4 + 2], m.rows[i * 4 + 3]);
  const changed = update().run(m.eventCount, m.truncated ? 1 : 0, m.runId).changes;
  if (changed === 0) throw new Error('run ' + m.runId + ' no longer exists');
});
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)');
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    Atomics.store(workerData.closed, 0, 1);
    Atomics.notify(workerData.closed, 0);
    parentPort.close();
    return;
  }
  if (m === 'others?') {
    lookForOthers();
    parentPort.postMessage({ othersCommitted });
    othersCommitted = false;
    return;
  }
  if (typeof m === 'object') {
    lookForOthers();
    try {
      append(m);
      parentPort.postMessage('appended');
    } catch (err) {
      parentPort.postMessage({ appendFailed: err && err.message ? err.message : String(err) });
    }
    unfolded += m.bytes;
    if (unfolded >= workerData.checkpointEvery) {
      unfolded = 0;
      try {
        checkpoint();
      } catch {
        // The next one, or the writer's own backstop, folds the WAL in.
      }
    }
    return;
  }
  try {
    checkpoint();
    parentPort.postMessage('done');
  } catch (err) {
    parentPort.postMessage('failed: ' + (err && err.message ? err.message : String(err)));
  }
});
parentPort.postMessage('ready');
`;

const WORKER_SQL = {
  kinds: RUN_EVENT_KINDS,
  rowsPerInsert: ROWS_PER_INSERT,
  insertGroup: insertRunEventsSql(ROWS_PER_INSERT),
  insertOne: insertRunEventsSql(1),
  countEvents: COUNT_RUN_EVENTS_SQL,
};

/** A batch of run output for the worker: rows flattened as seq, ts, kind, json (one array to copy across). */
export interface BackgroundBatch {
  runId: number;
  rows: (number | string)[];
  eventCount: number;
  truncated: boolean;
  bytes: number;
}

/** Called once a batch handed to the worker is stored; with an error when it was not. */
export type AppendDone = (error: Error | null) => void;

type State = 'off' | 'starting' | 'ready' | 'broken';

/**
 * The thread that takes a bulk writer's work (a run printing megabytes) off the event loop: its
 * WAL checkpoints first, then, once running, the storing of its output too.
 *
 * In WAL mode every committed page is copied into the database file again by a checkpoint, which
 * SQLite runs inside the commit that crosses its threshold, with an fsync: while a chatty run was
 * ingested, those commits were the event loop's longest stalls and over half the time spent
 * storing its lines. Here a worker thread with its own connection checkpoints (PASSIVE: it never
 * blocks the writer) every few megabytes written, and the writer's automatic checkpoint is raised
 * meanwhile to a backstop. If the worker cannot start or fails, SQLite's own behaviour stays.
 *
 * Once it runs, the worker also takes the writer's batches themselves (`append`), so a flood of
 * output costs the event loop its parsing, not its storing; every batch it was handed and did not
 * confirm is given back to its sender to write on the event loop, so none is lost.
 */
export class BackgroundWriter {
  private state: State = 'off';
  private worker: Worker | null = null;
  private pendingBytes = 0;
  private busy = false;
  private again = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private savedAutocheckpoint: number | null = null;
  /** The setting withoutAutoCheckpoint turned off for the moment, and will give back. */
  private heldAutocheckpoint: number | null = null;
  private readAutocheckpoint: Statement | null = null;
  private autocheckpointOff: Statement | null = null;
  private autocheckpointBack: { pages: number; statement: Statement } | null = null;
  private closedFlag: Int32Array | null = null;
  private waiting: (() => void)[] = [];
  /** Batches handed to the worker, oldest first, until it says each is stored. */
  private appends: AppendDone[] = [];
  /** Questions to the worker about other connections' commits, oldest first. */
  private questions: ((othersCommitted: boolean) => void)[] = [];

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

  /**
   * A bulk writer's rows should wait: a checkpoint runs, or the worker that will take them is
   * starting (tens of milliseconds: commits on the event loop meanwhile were a flood's longest stalls).
   */
  get holdsWriters(): boolean {
    return this.busy || this.state === 'starting';
  }

  /** The worker is running and takes batches of output to store (`append`). */
  get takesAppends(): boolean {
    return this.state === 'ready' && this.worker !== null;
  }

  /** Calls `resume` once writers need not wait (see holdsWriters), or the worker stopped. */
  afterHold(resume: () => void): void {
    if (!this.holdsWriters) return resume();
    this.waiting.push(resume);
  }

  /**
   * Hands a batch of run output to the worker to store, when it is running: the inserts and their
   * commit leave the event loop as well (they were over a third of what ingesting a chatty run cost
   * it). False when there is no worker: the caller writes the batch itself.
   */
  append(batch: BackgroundBatch, done: AppendDone): boolean {
    if (!this.takesAppends || !this.worker) return false;
    this.appends.push(done);
    this.cancelIdle();
    this.worker.postMessage(batch);
    return true;
  }

  /**
   * The writer's data_version moved, which the worker's own commits do too: asks the worker whether
   * any other connection committed since it last looked (it looks before each of its commits, so
   * none can slip between two). The writer's own commits count as others there, which only ever
   * makes a change be looked at once more. False when no worker runs: then the move is news.
   */
  othersCommitted(answer: (othersCommitted: boolean) => void): boolean {
    if (!this.takesAppends || !this.worker) return false;
    this.questions.push(answer);
    this.cancelIdle();
    this.worker.postMessage('others?');
    return true;
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
    const appends = this.appends;
    this.appends = [];
    this.stop();
    // The worker stores the batches it was handed before it reads 'close'.
    const closed = hadWorker && flag !== null && Atomics.wait(flag, 0, 0, CLOSE_WAIT_MS) !== 'timed-out';
    for (const done of appends) done(closed ? null : new Error('the database closed before this output was stored'));
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
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: this.db.name, closed, checkpointEvery: CHECKPOINT_EVERY_BYTES, sql: WORKER_SQL } });
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
    // Inside withoutAutoCheckpoint the setting reads 0 for the moment: the one to give back is the held one.
    this.savedAutocheckpoint = this.heldAutocheckpoint ?? (this.db.pragma('wal_autocheckpoint', { simple: true }) as number);
    this.db.pragma(`wal_autocheckpoint = ${pagesOf(this.db, BACKSTOP_BYTES)}`);
  }

  /**
   * Runs `fn` with SQLite's automatic checkpoint off, then gives the setting back. If the worker
   * started meanwhile, its backstop stays in force (it gives back the held setting when it stops).
   */
  withoutAutoCheckpoint<T>(fn: () => T): T {
    if (this.heldAutocheckpoint !== null || this.savedAutocheckpoint !== null) return fn();
    // Prepared once: this runs on the fire path.
    this.readAutocheckpoint ??= this.db.prepare('PRAGMA wal_autocheckpoint').pluck();
    this.autocheckpointOff ??= this.db.prepare('PRAGMA wal_autocheckpoint = 0');
    const held = this.readAutocheckpoint.get() as number;
    if (held <= 0) return fn();
    this.heldAutocheckpoint = held;
    this.autocheckpointOff.run();
    try {
      return fn();
    } finally {
      this.heldAutocheckpoint = null;
      if (this.savedAutocheckpoint === null && this.db.open) this.autocheckpointTo(held).run();
    }
  }

  /** The statement that gives the setting back, prepared once for the value each fire pass restores. */
  private autocheckpointTo(pages: number): Statement {
    if (this.autocheckpointBack?.pages !== pages) this.autocheckpointBack = { pages, statement: this.db.prepare(`PRAGMA wal_autocheckpoint = ${pages}`) };
    return this.autocheckpointBack.statement;
  }

  private onMessage(worker: Worker, m: string | { appendFailed: string } | { othersCommitted: boolean }): void {
    if (this.worker !== worker) return;
    if (typeof m === 'object' && 'othersCommitted' in m) {
      const answer = this.questions.shift();
      if (this.quiet()) this.armIdle();
      answer?.(m.othersCommitted);
      return;
    }
    if (m === 'appended' || typeof m === 'object') {
      const done = this.appends.shift();
      if (this.quiet()) this.armIdle();
      done?.(typeof m === 'object' ? new Error(m.appendFailed) : null);
      return;
    }
    if (m === 'ready') {
      if (!this.db.open) return this.stop();
      this.state = 'ready';
      this.pendingBytes = 0;
      this.request();
      // What was held for the worker goes to it now (checkpoints no longer hold a writer that has one).
      this.resumeWriters();
      return;
    }
    if (m !== 'done') return this.fail(worker);
    this.busy = false;
    this.resumeWriters();
    if (this.again) {
      this.again = false;
      this.request();
    } else if (this.quiet()) {
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
    this.cancelIdle();
    this.worker.postMessage('checkpoint');
  }

  private armIdle(): void {
    this.cancelIdle();
    this.idleTimer = setTimeout(() => {
      if (this.quiet()) this.stop();
    }, IDLE_CLOSE_MS);
    this.idleTimer.unref();
  }

  /** Nothing asked of the worker is outstanding. */
  private quiet(): boolean {
    return !this.busy && this.appends.length === 0 && this.questions.length === 0;
  }

  private cancelIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** The worker is done with (idle, or the database closes): SQLite checkpoints by itself again. */
  private stop(): void {
    const worker = this.worker;
    this.worker = null;
    // Unanswered, a move of data_version is news: at worst the engine looks once more.
    for (const answer of this.questions.splice(0)) answer(true);
    this.restoreAutocheckpoint();
    this.cancelIdle();
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
    const appends = this.appends;
    this.appends = [];
    this.stop();
    void worker.terminate();
    // Whatever it had not confirmed is written by its senders themselves, in the order it was sent.
    for (const done of appends) done(new Error('the background writer stopped'));
  }

  private restoreAutocheckpoint(): void {
    if (this.savedAutocheckpoint === null) return;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${this.savedAutocheckpoint}`);
    this.savedAutocheckpoint = null;
  }
}
