import { afterEach, describe, expect, it, vi } from 'vitest';
import { LineSplitter } from './line-splitter';

function feed(chunks: (Buffer | string)[]): { lines: string[]; rest: string | null } {
  const splitter = new LineSplitter();
  const lines = chunks.flatMap((chunk) => splitter.push(chunk));
  return { lines, rest: splitter.flush() };
}

/** Splits a buffer at the given byte offsets. */
function cut(buffer: Buffer, offsets: number[]): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (const offset of offsets) {
    parts.push(buffer.subarray(start, offset));
    start = offset;
  }
  parts.push(buffer.subarray(start));
  return parts;
}

describe('LineSplitter', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const cases: { name: string; chunks: (Buffer | string)[]; lines: string[]; rest: string | null }[] = [
    { name: 'one complete line', chunks: ['{"a":1}\n'], lines: ['{"a":1}'], rest: null },
    { name: 'several lines in one chunk', chunks: ['a\nb\nc\n'], lines: ['a', 'b', 'c'], rest: null },
    { name: 'CRLF endings', chunks: ['a\r\nb\r\n'], lines: ['a', 'b'], rest: null },
    { name: 'CR and LF in different chunks', chunks: ['a\r', '\nb\r', '\n'], lines: ['a', 'b'], rest: null },
    { name: 'a line across chunks', chunks: ['ab', 'cd', 'e\nf'], lines: ['abcde'], rest: 'f' },
    { name: 'empty lines are kept', chunks: ['\n\na\n'], lines: ['', '', 'a'], rest: null },
    { name: 'trailing partial line with CR', chunks: ['x\ny\r'], lines: ['x'], rest: 'y' },
    { name: 'nothing at all', chunks: [], lines: [], rest: null },
    { name: 'empty chunks', chunks: ['', Buffer.alloc(0), 'a', ''], lines: [], rest: 'a' },
    { name: 'a lone CR inside a line is content', chunks: ['a\rb\n'], lines: ['a\rb'], rest: null },
  ];
  it.each(cases)('$name', ({ chunks, lines, rest }) => {
    expect(feed(chunks)).toEqual({ lines, rest });
  });

  it('reassembles multi-byte characters split at every possible byte', () => {
    const text = 'é€😀 ∙ resets 6:34am · ok';
    const bytes = Buffer.from(`${text}\n${text}`, 'utf8');
    for (let offset = 1; offset < bytes.length; offset++) {
      expect(feed(cut(bytes, [offset])), `split at ${offset}`).toEqual({ lines: [text], rest: text });
    }
  });

  it('reassembles a line fed one byte at a time', () => {
    const bytes = Buffer.from('日本語\r\n😀\n', 'utf8');
    const oneByOne = Array.from(bytes, (byte) => Buffer.from([byte]));
    expect(feed(oneByOne)).toEqual({ lines: ['日本語', '😀'], rest: null });
  });

  it('is not affected by the caller reusing its chunk buffer', () => {
    const splitter = new LineSplitter();
    const reused = Buffer.from('abc');
    splitter.push(reused);
    reused.write('XYZ');
    expect(splitter.push('\n')).toEqual(['abc']);
  });

  it('resets after flush', () => {
    const splitter = new LineSplitter();
    splitter.push('partial');
    expect(splitter.bufferedBytes).toBe(7);
    expect(splitter.flush()).toBe('partial');
    expect(splitter.bufferedBytes).toBe(0);
    expect(splitter.flush()).toBeNull();
    expect(splitter.push('next\n')).toEqual(['next']);
  });

  it('joins a 5 MB line delivered in 64 KB chunks once, when its newline arrives', () => {
    const payload = `{"type":"assistant","text":"${'é'.repeat(2_621_440)}"}`;
    const bytes = Buffer.from(`${payload}\nnext\n`, 'utf8');
    expect(bytes.length).toBeGreaterThan(5 * 1024 * 1024);
    // Offsets are odd so every cut lands inside a two-byte 'é'.
    const offsets: number[] = [];
    for (let offset = 65_535; offset < bytes.length; offset += 65_536) offsets.push(offset);
    const chunks = cut(bytes, offsets);
    expect(chunks.length).toBeGreaterThan(80);

    const concat = vi.spyOn(Buffer, 'concat');
    const splitter = new LineSplitter();
    const lines: string[] = [];
    for (const chunk of chunks) lines.push(...splitter.push(chunk));

    expect(concat).toHaveBeenCalledTimes(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(payload);
    expect(lines[1]).toBe('next');
    expect(splitter.flush()).toBeNull();
  });
});
