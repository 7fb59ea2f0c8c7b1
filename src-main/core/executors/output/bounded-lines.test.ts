import { describe, expect, it } from 'vitest';
import { BoundedLineSplitter, type OutputLine } from './bounded-lines';

const limits = { maxLineBytes: 16, previewBytes: 4 };

function feed(chunks: (Buffer | string)[], l = limits): OutputLine[] {
  const s = new BoundedLineSplitter(l);
  const lines = chunks.flatMap((c) => s.push(c));
  const rest = s.flush();
  if (rest) lines.push(rest);
  return lines;
}

describe('BoundedLineSplitter', () => {
  it('splits lines across chunks, with CRLF, and keeps a short unterminated tail', () => {
    expect(feed(['ab', 'c\r\nde', 'f\ng'])).toEqual([
      { text: 'abc', bytes: 4, truncated: false },
      { text: 'def', bytes: 3, truncated: false },
      { text: 'g', bytes: 1, truncated: false },
    ]);
  });

  it('takes lines inside one chunk whole up to exactly the limit, with CRLF and empty lines, and cuts one byte more', () => {
    const atLimit = 'z'.repeat(16);
    expect(feed([`${atLimit}\n\r\n\nab\r\n${atLimit}y\nc\r`])).toEqual([
      { text: atLimit, bytes: 16, truncated: false },
      { text: '', bytes: 1, truncated: false },
      { text: '', bytes: 0, truncated: false },
      { text: 'ab', bytes: 3, truncated: false },
      { text: 'zzzz', bytes: 17, truncated: true },
      { text: 'c', bytes: 2, truncated: false },
    ]);
  });

  it('keeps only the preview of a line over the limit, counting every byte, however it is chunked', () => {
    const long = 'x'.repeat(100);
    const whole = feed([`${long}\nok\n`]);
    const bytewise = feed([...`${long}\nok\n`]);
    const inTwo = feed([long.slice(0, 10), `${long.slice(10)}\nok\n`]);
    for (const lines of [whole, bytewise, inTwo]) {
      expect(lines).toEqual([
        { text: 'xxxx', bytes: 100, truncated: true },
        { text: 'ok', bytes: 2, truncated: false },
      ]);
    }
  });

  it('holds at most the limit while a line without newline grows', () => {
    const s = new BoundedLineSplitter(limits);
    for (let i = 0; i < 1000; i++) s.push('y'.repeat(7));
    expect(s.bufferedBytes).toBeLessThanOrEqual(16);
    expect(s.flush()).toEqual({ text: 'yyyy', bytes: 7000, truncated: true });
    expect(s.flush()).toBeNull();
  });

  it('never cuts a preview inside a UTF-8 character', () => {
    const [line] = feed([`a${'é'.repeat(20)}\n`], { maxLineBytes: 8, previewBytes: 4 });
    // "a" + "é" (2 bytes) fits in 3 bytes; the 4th byte would start a second "é".
    expect(line).toEqual({ text: 'aé', bytes: 41, truncated: true });
  });
});
