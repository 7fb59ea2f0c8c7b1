import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { JobsFileSchema, type JobsFile } from './file-schema';

/** One thing wrong with a jobs file, where it is: `jobs.yaml:14` and the field `jobs[1].schedule.expression`. */
export interface FileProblem {
  line: number;
  column: number;
  field: string;
  message: string;
}

export type Path = (string | number)[];

/** `jobs[1].schedule.expression` */
export function fieldName(path: Path): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${part}`;
  return out || '(file)';
}

/**
 * A parsed jobs file that can say on which line any field is. The yaml package keeps each node's
 * source range, and its LineCounter turns an offset into line and column.
 */
export class LocatedFile {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** The line of the deepest node on `path` that exists (a missing field points at its parent). */
  locate(path: Path): { line: number; column: number } {
    let node: unknown = this.doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
        // A key on its own line followed by a block: the key's line is where people look.
        if (!isMap(node) && !isSeq(node)) offset = (node as Node | null)?.range?.[0] ?? offset;
      } else if (isSeq(node) && typeof part === 'number') {
        const item = node.items[part] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  problem(path: Path, message: string): FileProblem {
    return { ...this.locate(path), field: fieldName(path), message };
  }
}

export type ParsedFile = { ok: true; file: JobsFile; located: LocatedFile } | { ok: false; problems: FileProblem[] };

const EXPECTED_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of fields',
  record: 'a set of fields',
};

/** What the file holds at `path`, to tell a missing field from one of the wrong kind. */
function valueAt(root: unknown, path: (string | number)[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

function describeValue(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'object') return 'a set of fields';
  return String(v);
}

function zodProblems(err: z.ZodError, located: LocatedFile, value: unknown): FileProblem[] {
  return err.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      return located.problem([...path, key], `unknown field "${key}"${issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).join(', ')})` : ''}: see docs/jobs-yaml.md for the fields a job has`);
    }
    if (issue.code === 'invalid_type') {
      // zod 4 keeps no copy of the input, so the file itself says whether the field is missing.
      const found = valueAt(value, path);
      if (found === undefined) return located.problem(path, 'is required');
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      return located.problem(path, `must be ${expected}, not ${describeValue(found)}`);
    }
    return located.problem(path, issue.message);
  });
}

/** YAML text → the file's structure, or every problem with its line; syntax first, then shape. */
export function parseJobsFile(text: string): ParsedFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const at = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
        return { line: at.line, column: at.col, field: '(syntax)', message: e.message.split('\n')[0] ?? e.message };
      }),
    };
  }
  const located = new LocatedFile(doc, lines);
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) {
    return { ok: false, problems: [{ line: 1, column: 1, field: 'jobs', message: 'the file is empty: it needs a jobs list' }] };
  }
  const parsed = JobsFileSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error, located, value) };
  return { ok: true, file: parsed.data, located };
}
