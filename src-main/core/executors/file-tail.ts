import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHUNK_BYTES = 64 * 1024;
const MIN_CHUNK_BYTES = 8 * 1024;
/**
 * What handing on one chunk may take before the next read is made smaller: the event loop serves
 * the UI and the scheduler between chunks, and while a run's lines are slow to take in (at its
 * start, before V8 has optimised the code that parses them) a 64 KB chunk held it for 5-15 ms.
 */
export const SLICE_MS = 4;
const POLL_MS = 20;

/**
 * Follows a file another process is writing, like `tail -f`, handing each new chunk to `onChunk`.
 * Memory is one chunk at a time whatever the file grows to.
 *
 * Why a file and not a pipe: Claude CLI 2.0/1.0 exit before flushing a piped stdout, so a stream
 * above ~100 KB loses its end (the result line with the cost among it); written to a file, the
 * stream is complete. `finish()` is called once the writer has exited and reads to the true end.
 */
export class FileTail {
  private position = 0;
  private ending = false;
  private wake: (() => void) | null = null;
  private done: Promise<void> | null = null;

  constructor(
    private readonly file: string,
    private readonly onChunk: (chunk: Buffer) => void,
    /** A promise while what was handed on is not stored yet: the next chunk waits for it. */
    private readonly pace?: () => Promise<void> | null,
  ) {}

  start(): void {
    this.done ??= this.follow();
  }

  /** The writer has exited: read what is left, then stop. Resolves when everything was handed on. */
  async finish(): Promise<void> {
    this.ending = true;
    this.wake?.();
    await (this.done ?? this.follow());
  }

  /**
   * Reads with `readSync`, yielding to the event loop after every chunk. The file is one this
   * process just watched a child write, so the bytes are in the page cache and a 64 KB read takes
   * tens of microseconds; an asynchronous read cost the event loop about three times that in thread-pool
   * hand-offs, about a tenth of everything a chatty run's ingest spent on it.
   */
  private async follow(): Promise<void> {
    const fd = await fs.promises.open(this.file, 'r');
    let size = CHUNK_BYTES;
    try {
      for (;;) {
        // A fresh buffer per chunk: the consumer may keep a slice of it (an unfinished line).
        const buffer = Buffer.allocUnsafe(size);
        const bytesRead = fs.readSync(fd.fd, buffer, 0, size, this.position);
        if (bytesRead > 0) {
          this.position += bytesRead;
          const started = performance.now();
          this.onChunk(buffer.subarray(0, bytesRead));
          size = nextChunkBytes(size, bytesRead, performance.now() - started);
          await (this.pace?.() ?? new Promise<void>((resolve) => setImmediate(resolve)));
          continue;
        }
        // At the end: when the writer has exited, this is the true end; otherwise wait for more.
        if (this.ending) return;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    } finally {
      await fd.close();
    }
  }
}

/**
 * The next read's size: halved while handing a full chunk on takes longer than SLICE_MS, doubled
 * again (up to 64 KB) once it takes under a quarter of that.
 */
export function nextChunkBytes(size: number, bytesRead: number, tookMs: number): number {
  if (tookMs > SLICE_MS) return Math.max(MIN_CHUNK_BYTES, size / 2);
  if (tookMs < SLICE_MS / 4 && bytesRead === size) return Math.min(CHUNK_BYTES, size * 2);
  return size;
}

/** A private folder for one run's stdout file; `remove()` deletes it with its content. */
export function makeOutputFile(prefix: string): { file: string; remove(): Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return {
    file: path.join(dir, 'stdout'),
    // Off the event loop: unlinking a big output file synchronously stalled it for ~100 ms.
    remove: () => fs.promises.rm(dir, { recursive: true, force: true }).catch(() => {}),
  };
}
