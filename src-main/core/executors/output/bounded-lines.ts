const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** One stdout/stderr line as the splitter hands it out. */
export interface OutputLine {
  /** The line without its terminator; only a preview when `truncated`. */
  text: string;
  /** The line's full length in bytes, as the child printed it. */
  bytes: number;
  /** True when the line was longer than the splitter's limit and `text` is its head. */
  truncated: boolean;
}

export interface LineLimits {
  /** A line longer than this is not kept whole. */
  maxLineBytes: number;
  /** What is kept of such a line. */
  previewBytes: number;
}

/** One stored event is at most 1 MB; a longer line keeps its first 64 KB and says how long it was. */
export const DEFAULT_LINE_LIMITS: LineLimits = { maxLineBytes: 1024 * 1024, previewBytes: 64 * 1024 };

/**
 * Splits a byte stream into text lines (`\n` or `\r\n`) with memory bounded by `maxLineBytes`,
 * whatever the child prints: a 600 MB line without a newline is counted, not collected (building it
 * as one string is what crashed the engine with ERR_STRING_TOO_LONG).
 *
 * Works on bytes and decodes whole lines: in UTF-8 the byte 0x0A never occurs inside a multi-byte
 * character, so a character split across chunks is reassembled before decoding. The unfinished line
 * is kept as a list of pieces and joined once, so a long line arriving in small chunks costs O(n).
 */
export class BoundedLineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes of the current line beyond what is held (the line is over the limit). */
  private overflowBytes = 0;

  constructor(private readonly limits: LineLimits = DEFAULT_LINE_LIMITS) {}

  /** Returns the lines completed by this chunk. */
  push(chunk: Buffer | string): OutputLine[] {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const lines: OutputLine[] = [];
    let start = 0;
    let newline = bytes.indexOf(NEWLINE, start);
    while (newline !== -1) {
      lines.push(this.takeLine(bytes.subarray(start, newline)));
      start = newline + 1;
      newline = bytes.indexOf(NEWLINE, start);
    }
    if (start < bytes.length) this.hold(bytes.subarray(start));
    return lines;
  }

  /** The trailing line that never got its newline, or null when there is none. Resets the splitter. */
  flush(): OutputLine | null {
    if (this.pendingBytes === 0 && this.overflowBytes === 0) return null;
    return this.takeLine(Buffer.alloc(0));
  }

  /** Bytes held for the unfinished line: never more than `maxLineBytes`. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  private hold(part: Buffer): void {
    if (this.overflowBytes === 0 && this.pendingBytes + part.length <= this.limits.maxLineBytes) {
      // Copied because a stream may hand out a buffer it later reuses.
      this.pending.push(Buffer.from(part));
      this.pendingBytes += part.length;
      return;
    }
    // Over the limit: keep only the preview and count the rest.
    const total = this.pendingBytes + this.overflowBytes + part.length;
    const { previewBytes } = this.limits;
    if (this.pendingBytes < previewBytes) {
      const take = Buffer.from(part.subarray(0, previewBytes - this.pendingBytes));
      this.pending.push(take);
      this.pendingBytes += take.length;
    } else if (this.pendingBytes > previewBytes) {
      this.pending = [Buffer.from(Buffer.concat(this.pending, this.pendingBytes).subarray(0, previewBytes))];
      this.pendingBytes = previewBytes;
    }
    this.overflowBytes = total - this.pendingBytes;
  }

  private takeLine(tail: Buffer): OutputLine {
    if (this.overflowBytes > 0 || this.pendingBytes + tail.length > this.limits.maxLineBytes) {
      const total = this.pendingBytes + this.overflowBytes + tail.length;
      const head = Buffer.concat([...this.pending, tail.subarray(0, Math.max(0, this.limits.previewBytes - this.pendingBytes))]).subarray(0, this.limits.previewBytes);
      this.reset();
      return { text: decodeHead(head), bytes: total, truncated: true };
    }
    let bytes = tail;
    if (this.pending.length > 0) {
      this.pending.push(tail);
      bytes = Buffer.concat(this.pending, this.pendingBytes + tail.length);
    }
    this.reset();
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
    return { text: bytes.toString('utf8', 0, end), bytes: bytes.length, truncated: false };
  }

  private reset(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.overflowBytes = 0;
  }
}

/** Decodes a cut UTF-8 head without a broken character at its end. */
function decodeHead(head: Buffer): string {
  let end = head.length;
  // Step back over continuation bytes (10xxxxxx) to the start of a possibly incomplete character.
  let i = end - 1;
  while (i >= 0 && i > end - 4 && (head[i]! & 0xc0) === 0x80) i--;
  if (i >= 0) {
    const lead = head[i]!;
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (end - i < need) end = i;
  }
  return head.toString('utf8', 0, end);
}
