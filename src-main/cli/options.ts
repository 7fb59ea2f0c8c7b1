import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { parseDuration } from '../core/scheduler/schedule';
import { wallTimeToInstant } from './wall-time';

/**
 * Command-line values as zod schemas: commander hands every option over as a string (or a list of
 * strings for repeatable ones), and these turn them into the contract's types. Each message is
 * written to follow the option's name, which `parseFlags` puts in front.
 */

type Ctx = z.RefinementCtx;
const fail = (ctx: Ctx, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

/** A whole number; `min` guards the ids and counts that make no sense at zero. */
export const wholeNumber = (min = 0) =>
  z.string().transform((text, ctx) => {
    const trimmed = text.trim();
    if (!/^\d+$/.test(trimmed)) return fail(ctx, `"${text}" is not a whole number`);
    const n = Number(trimmed);
    if (!Number.isSafeInteger(n)) return fail(ctx, `${text} is too large`);
    if (n < min) return fail(ctx, `must be at least ${min}, got ${n}`);
    return n;
  });

/** 90s, 15m, 2h, 1h30m, 1d, or a bare number of seconds. */
export const durationSeconds = (minSeconds = 1) =>
  z.string().transform((text, ctx) => {
    const trimmed = text.trim();
    const seconds = /^\d+$/.test(trimmed) ? Number(trimmed) : parseDuration(trimmed);
    if (seconds === null || !Number.isSafeInteger(seconds)) {
      return fail(ctx, `"${text}" is not a duration (use e.g. 90s, 15m, 2h or 1h30m)`);
    }
    if (seconds < minSeconds) return fail(ctx, `must be at least ${minSeconds} second${minSeconds === 1 ? '' : 's'}, got "${text}"`);
    return seconds;
  });

/** A comma or space separated list of durations: `30s,60s,5m,15m,1h`. */
export const durationList = z.string().transform((text, ctx) => {
  const items = text.split(/[\s,]+/).filter(Boolean);
  if (!items.length) return fail(ctx, 'needs at least one duration, e.g. 30s,60s,5m');
  const seconds: number[] = [];
  for (const item of items) {
    const n = /^\d+$/.test(item) ? Number(item) : parseDuration(item);
    if (n === null || !Number.isSafeInteger(n)) return fail(ctx, `"${item}" is not a duration (use e.g. 30s, 5m, 1h)`);
    seconds.push(n);
  }
  return seconds;
});

/** `--env K=V`, repeatable: the first `=` splits, so values may contain more. */
export const keyValues = (separator: '=' | ':', example: string) =>
  z.array(z.string()).transform((items, ctx) => {
    const record: Record<string, string> = {};
    for (const item of items) {
      const at = item.indexOf(separator);
      const key = at > 0 ? item.slice(0, at).trim() : '';
      if (key === '') return fail(ctx, `"${item}" is not of the form ${example}`);
      record[key] = separator === ':' ? item.slice(at + 1).trim() : item.slice(at + 1);
    }
    return record;
  });

/**
 * Tool lists are comma or space separated, but a rule like `Bash(git diff:*)` holds a space of its
 * own, so separators inside parentheses do not split.
 */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === ',' || /\s/.test(ch))) {
      if (current.trim()) items.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim()) items.push(current.trim());
  return items;
}

export const toolList = z.string().transform((text, ctx) => {
  const items = splitList(text);
  return items.length ? items : fail(ctx, 'needs at least one tool name, e.g. "Read,Edit,Bash(git:*)"');
});

/** A folder that exists now, made absolute so the job does not depend on where `cnp` was run. */
export const existingDir = z.string().transform((text, ctx) => {
  const absolute = path.resolve(text);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    return fail(ctx, `the folder "${absolute}" does not exist`);
  }
  return stat.isDirectory() ? absolute : fail(ctx, `"${absolute}" is not a folder`);
});

/**
 * An instant from ISO-8601. With an offset or Z it is taken as given; without one it is a wall time
 * in `zone` (the job's zone), because that is how people write "tomorrow at nine".
 */
export function instantFrom(text: string, zone: string): number | null {
  const trimmed = text.trim();
  const wall = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(trimmed);
  if (wall) {
    const [y, mo, d, h = '0', mi = '0', s = '0'] = wall.slice(1).map((part) => part ?? '0');
    return wallTimeToInstant({ year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s) }, zone);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) return null;
  const ms = Date.parse(trimmed);
  return Number.isFinite(ms) ? ms : null;
}

/** Commander collects repeatable options into a list with this. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Validates commander's option values against `schema`; the first problem becomes a VALIDATION
 * error whose message starts with the option as typed (`--every: …`).
 */
export function parseFlags<S extends z.ZodType>(schema: S, values: unknown): z.output<S> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path[0];
  const name = typeof key === 'string' ? kebab(key) : 'options';
  throw new AppError('VALIDATION', `--${name}: ${issue?.message ?? 'is invalid'}`, { field: name });
}

/** A positional argument such as a job or run id. */
export function parseIdArg(text: string, what: string): number {
  const parsed = wholeNumber(1).safeParse(text);
  if (parsed.success) return parsed.data;
  throw new AppError('VALIDATION', `${what}: "${text}" is not an id (ids are whole numbers from 1)`, { field: 'id' });
}
