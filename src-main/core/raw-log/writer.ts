import fs from 'node:fs';
import path from 'node:path';
import { formatBytes } from '../executors/output/drop-marker';
import { redactDeep, redactText } from '../redaction/redact';

/** Lines are gathered and written in chunks of about this size: one write per chunk, not per line. */
const CHUNK_BYTES = 64 * 1024;
/**
 * Lines are encoded straight into a buffer this big (a line of up to a third of its free room fits
 * whatever its characters); a longer one is written on its own.
 */
const BUFFER_BYTES = 2 * CHUNK_BYTES;
const NEWLINE = 0x0a;

/**
 * What a JSON line's text must contain for `redactDeep` of its parsed form to mask anything: a URL,
 * an `=` (assignments), a credential key or header name, or an escape that could spell one of these.
 * Without any of them the line is written as it came, skipping a walk of every string in it (that
 * walk was the largest single cost of ingesting a chatty run). `Basic`/`Token` as the scheme-token
 * pattern has them (case-sensitive, at a word start, which an escape like `\n` before them still is);
 * `token"` because only keys that are exactly `…token` count (`input_tokens` does not), and `token\"`
 * for such a key in JSON text inside a string (a tool result showing a file), which is masked too.
 */
const MAY_MASK_ANY_CASE = /:\/\/|=|\\u|\\\/|authoriz|cookie|api[-_]?key|x-auth|passw|secret|token\\?"|bearer|webhook/;
const MAY_MASK_SCHEME = /\b(?:Basic|Token)|\\[bfnrt](?:Basic|Token)/;

/**
 * False only when masking the parsed line certainly changes nothing. The any-case words are looked
 * for in a lower-cased copy with a case-sensitive pattern: it matches whatever the `/i` flag would
 * (and a little more, never less), at about half the cost per line of a chatty run.
 */
export function jsonLineMayNeedMasking(json: string): boolean {
  return MAY_MASK_ANY_CASE.test(json.toLowerCase()) || MAY_MASK_SCHEME.test(json);
}

export interface RawLogOutcome {
  /** The file's size when it was closed. */
  bytes: number;
  /** Every line the run printed is in it, whole. */
  complete: boolean;
}

/**
 * Writes a run's whole output to its full log file as it comes: one line per printed line, secrets
 * masked by the same redaction every view uses. Memory stays bounded (one chunk, flushed with a
 * synchronous write that also slows a child that prints faster than the disk takes it), and the
 * file stops growing at `maxBytes`: what comes after is counted, and one closing line says so.
 * A disk error ends the file there and never fails the run.
 */
export class RawLogWriter {
  /** Encoded once, as each line comes: no joined string, no second copy to write. Made on first use. */
  private chunk: Buffer | null = null;
  private used = 0;
  private capped = false;
  private incomplete = false;
  private droppedLines = 0;
  private droppedBytes = 0;

  private constructor(
    private fd: number | null,
    private bytes: number,
    private readonly maxBytes: number,
  ) {}

  /**
   * Opens the run's file, or returns null when it cannot be made: then the run simply has no full
   * log. `append` goes on where the run stopped (a run deferred by a cooldown); otherwise the file
   * starts empty, since SQLite reuses the id of a deleted run whose file may not be swept yet.
   */
  static open(file: string, maxBytes: number, append = false): RawLogWriter | null {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const fd = fs.openSync(file, append ? 'a' : 'w');
      return new RawLogWriter(fd, fs.fstatSync(fd).size, maxBytes);
    } catch {
      return null;
    }
  }

  get size(): number {
    return this.bytes;
  }

  /** A stdout or stderr line as the child printed it. */
  line(text: string): void {
    this.put(redactText(text));
  }

  /** A line longer than the splitter keeps: its head, and how long it was. */
  cutLine(preview: string, printedBytes: number): void {
    this.incomplete = true;
    this.put(`${redactText(preview)} […a line of ${formatBytes(printedBytes)}: only its first ${formatBytes(Buffer.byteLength(preview))} were kept]`);
  }

  /**
   * A Claude stream-json line, with its parsed form: masked as the UI masks the event, and written
   * as it came when there was nothing to mask (no second serialisation).
   */
  jsonLine(json: string, payload: unknown): void {
    if (!jsonLineMayNeedMasking(json)) return this.put(json);
    const masked = redactDeep(payload);
    this.put(masked === payload ? json : JSON.stringify(masked));
  }

  /** Something the run printed did not reach this file whole (an executor cut it itself). */
  markIncomplete(): void {
    this.incomplete = true;
  }

  flush(): void {
    if (this.used === 0 || this.chunk === null) return;
    const size = this.used;
    this.used = 0;
    this.writeOut(this.chunk.subarray(0, size));
  }

  close(): RawLogOutcome {
    this.flush();
    if (this.capped && this.fd !== null) {
      const lines = `${this.droppedLines.toLocaleString('en-US')} more ${this.droppedLines === 1 ? 'line' : 'lines'}`;
      this.writeOut(Buffer.from(`[cnp] The full log stops here: it reached its ${formatBytes(this.maxBytes)} cap, so ${lines} (${formatBytes(this.droppedBytes)}) were not kept.\n`));
    }
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // Closing a file we only appended to cannot lose what was written.
      }
      this.fd = null;
    }
    return { bytes: this.bytes, complete: !this.capped && !this.incomplete };
  }

  private put(text: string): void {
    if (this.fd === null) return;
    if (this.capped) return this.drop(Buffer.byteLength(text) + 1);
    // UTF-8 takes at most three bytes per UTF-16 unit: room for that, and the line surely fits.
    const room = text.length * 3 + 1;
    if (room > BUFFER_BYTES - this.used) {
      this.flush();
      if (room > BUFFER_BYTES) return this.putAlone(text);
    }
    const chunk = (this.chunk ??= Buffer.allocUnsafe(BUFFER_BYTES));
    const start = this.used;
    const end = start + chunk.write(text, start) + 1;
    chunk[end - 1] = NEWLINE;
    if (this.bytes + end > this.maxBytes) return this.drop(end - start);
    this.used = end;
    if (this.used >= CHUNK_BYTES) this.flush();
  }

  /** A line too long to gather: what was gathered goes first, then the line in one write of its own. */
  private putAlone(text: string): void {
    const data = Buffer.from(`${text}\n`, 'utf8');
    if (this.bytes + data.length > this.maxBytes) return this.drop(data.length);
    this.writeOut(data);
  }

  /** The cap is reached: this line and every later one are counted, not kept. */
  private drop(size: number): void {
    this.capped = true;
    this.droppedLines += 1;
    this.droppedBytes += size;
  }

  private writeOut(data: Buffer): void {
    if (this.fd === null) return;
    try {
      writeAll(this.fd, data);
      this.bytes += data.length;
    } catch {
      this.fail();
    }
  }

  /** The disk refused (full, gone): the file ends here, and says nothing more. */
  private fail(): void {
    this.incomplete = true;
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // Already unusable.
      }
    }
    this.fd = null;
  }
}

function writeAll(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) offset += fs.writeSync(fd, data, offset, data.length - offset);
}
