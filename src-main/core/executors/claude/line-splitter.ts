const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a byte stream into text lines (`\n` or `\r\n`).
 *
 * Works on bytes and decodes whole lines: in UTF-8 the byte 0x0A never occurs inside a multi-byte
 * character, so a character split across chunks is reassembled before decoding. The unfinished line
 * is kept as a list of pieces and joined once when its newline arrives, so a multi-megabyte line
 * delivered in small chunks costs O(n) rather than re-copying the growing prefix on every chunk.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Returns the lines completed by this chunk, without their terminators. */
  push(chunk: Buffer | string): string[] {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const lines: string[] = [];
    let start = 0;
    let newline = bytes.indexOf(NEWLINE, start);
    while (newline !== -1) {
      lines.push(this.takeLine(bytes.subarray(start, newline)));
      start = newline + 1;
      newline = bytes.indexOf(NEWLINE, start);
    }
    if (start < bytes.length) {
      // Copied because a stream may hand out a buffer it later reuses.
      const rest = Buffer.from(bytes.subarray(start));
      this.pending.push(rest);
      this.pendingBytes += rest.length;
    }
    return lines;
  }

  /** The trailing line that never got its newline, or null when there is none. Resets the splitter. */
  flush(): string | null {
    if (this.pendingBytes === 0) {
      this.pending = [];
      return null;
    }
    return this.takeLine(Buffer.alloc(0));
  }

  /** Bytes held for the unfinished line; lets a caller cap a runaway line. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  private takeLine(tail: Buffer): string {
    let bytes = tail;
    if (this.pending.length > 0) {
      this.pending.push(tail);
      bytes = Buffer.concat(this.pending, this.pendingBytes + tail.length);
      this.pending = [];
      this.pendingBytes = 0;
    }
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
    return bytes.toString('utf8', 0, end);
  }
}
