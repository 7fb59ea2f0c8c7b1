import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { AppErrorShape } from '../../src-shared/errors';

/** Where the CLI writes; tests and the process both provide one. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Copies a file to stdout as bytes, streamed; without it the file is read and written as text. */
  outFile?(file: string): Promise<void>;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  // A full log can be hundreds of MB: streamed with backpressure, never held whole.
  outFile: (file) => pipeline(fs.createReadStream(file), process.stdout, { end: false }),
};

/**
 * One place decides between the two audiences: `--json` gets exactly one JSON document on stdout
 * (or JSON lines when streaming), people get tables and text. Notes for people go to stderr so they
 * never corrupt piped output.
 */
export class Output {
  constructor(
    readonly json: boolean,
    private readonly io: Io = processIo,
  ) {}

  /** A command's result: `value` as JSON, or the text `human()` renders. */
  result(value: unknown, human: () => string): void {
    if (this.json) this.io.out(`${JSON.stringify(value, null, 2)}\n`);
    else this.text(human());
  }

  /** Human text on stdout, with exactly one trailing newline. */
  text(text: string): void {
    if (text === '') return;
    this.io.out(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** A file's bytes on stdout, as they are (`runs logs --raw`). */
  async file(file: string): Promise<void> {
    if (this.io.outFile) await this.io.outFile(file);
    else this.io.out(fs.readFileSync(file, 'utf8'));
  }

  /** One JSON line of a stream (`--follow --json`). */
  jsonLine(value: unknown): void {
    this.io.out(`${JSON.stringify(value)}\n`);
  }

  /** A remark for a person, on stderr; silent under --json to keep scripts' stderr meaningful. */
  note(text: string): void {
    if (!this.json) this.io.err(`${text}\n`);
  }

  error(shape: AppErrorShape): void {
    this.io.err(`error: ${shape.message}\n`);
    if (this.json) {
      const error: AppErrorShape = { code: shape.code, message: shape.message };
      if (shape.field !== undefined) error.field = shape.field;
      this.io.out(`${JSON.stringify({ error })}\n`);
    }
  }
}

export type Cell = string | number | null | undefined;

const display = (cell: Cell): string => (cell === null || cell === undefined || cell === '' ? '-' : String(cell));

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, Math.max(1, width - 1))}…` : flat;
}

/**
 * A compact table: columns padded to their widest cell, the last one left ragged. `maxWidths`
 * clips long names and descriptions so one row cannot push the rest off the screen.
 */
export function table(headers: string[], rows: Cell[][], maxWidths: (number | undefined)[] = []): string {
  if (rows.length === 0) return '';
  const cells = [headers, ...rows.map((row) => headers.map((_, i) => clip(display(row[i]), maxWidths[i] ?? 80)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** "key:  value" lines, keys aligned; absent values show as "-". */
export function keyValues(pairs: [string, Cell][]): string {
  const width = Math.max(...pairs.map(([key]) => key.length)) + 1;
  return pairs
    .map(([key, value]) => {
      const text = display(value);
      // Multi-line values (a prompt body) continue under the value column.
      const indented = text.split('\n').join(`\n${' '.repeat(width + 1)}`);
      return `${`${key}:`.padEnd(width)} ${indented}`;
    })
    .join('\n');
}
