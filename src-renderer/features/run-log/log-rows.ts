import { i18n } from '../../i18n';
import { formatBytes, formatCount } from '../../lib/numbers';
import { formatInZone } from '../../lib/time';
import { limitName } from '../cooldown/limit-names';
import type { RunEvent } from '../../../src-shared/domain';

/** One visual entry of the live log. Claude lines can hold several blocks, so one event → 1..n rows. */
export type LogRow =
  | { key: string; seq: number; type: 'stdout' | 'stderr'; text: string }
  | { key: string; seq: number; type: 'assistant'; text: string }
  | { key: string; seq: number; type: 'thinking'; text: string }
  | { key: string; seq: number; type: 'tool'; toolUseId: string | null; name: string; input: unknown }
  | { key: string; seq: number; type: 'tool-result'; toolUseId: string | null; content: string; isError: boolean }
  /**
   * `text` is the English note (as the engine or Claude wrote it); `say`, when there is one, words
   * the same note in the UI's language at the time it is shown (see systemText).
   */
  | { key: string; seq: number; type: 'system'; label: string; text: string; say?: () => string }
  | {
      key: string;
      seq: number;
      type: 'result';
      isError: boolean;
      subtype: string;
      text: string;
      costUsd: number | null;
      durationMs: number | null;
      turns: number | null;
    }
  | { key: string; seq: number; type: 'json'; label: string; json: string };

export interface ToolResult {
  content: string;
  isError: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function json(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Tool results come as a string or as a list of text (and other) blocks. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((b) => (isObj(b) && typeof b.text === 'string' ? b.text : json(b))).join('\n');
  }
  return content === undefined ? '' : json(content);
}

function blocksOf(payload: Obj): unknown[] | null {
  const message = payload.message;
  if (!isObj(message)) return null;
  if (typeof message.content === 'string') return [{ type: 'text', text: message.content }];
  return Array.isArray(message.content) ? message.content : null;
}

function claudeBlockRows(e: RunEvent, blocks: unknown[]): LogRow[] {
  return blocks.map((block, i): LogRow => {
    const key = `${e.seq}.${i}`;
    const b = isObj(block) ? block : {};
    switch (b.type) {
      case 'text':
        return { key, seq: e.seq, type: 'assistant', text: str(b.text) ?? '' };
      case 'thinking':
        return { key, seq: e.seq, type: 'thinking', text: str(b.thinking) ?? '' };
      case 'tool_use':
        return { key, seq: e.seq, type: 'tool', toolUseId: str(b.id), name: str(b.name) ?? 'tool', input: b.input };
      case 'tool_result':
        return {
          key,
          seq: e.seq,
          type: 'tool-result',
          toolUseId: str(b.tool_use_id),
          content: contentText(b.content),
          isError: b.is_error === true,
        };
      default:
        return { key, seq: e.seq, type: 'json', label: e.kind, json: json(block) };
    }
  });
}

const t = (key: string, vars: Record<string, unknown> = {}) => i18n.t(key, vars);
const bytes = (n: number) => formatBytes(n, (count) => t('{{count}} bytes', { count }));

const RATE_STATUS: Readonly<Record<string, string>> = { allowed: 'allowed', allowed_warning: 'close to the limit', rejected: 'limit reached' };

/** The engine's drop notes, from their numbers; notes stored before the numbers were kept stay as written. */
function dropNote(p: Obj): (() => string) | undefined {
  const lines = num(p.droppedLines);
  const dropped = num(p.droppedBytes);
  const cap = num(p.maxBytes);
  if (p.type === 'truncated' && lines !== null && dropped !== null && cap !== null) {
    return () =>
      t('{{lines}} lines ({{bytes}}) dropped here: the run printed more than its {{cap}} output cap, so only its head and tail are kept', {
        lines: formatCount(lines),
        bytes: bytes(dropped),
        cap: bytes(cap),
      });
  }
  if (p.type === 'truncating' && cap !== null) {
    const half = Math.floor(cap / 2);
    return () => t('The output passed the first {{half}} kept of this run; what follows is cut, and its last {{half}} will be kept when the run ends', { half: bytes(half) });
  }
  return undefined;
}

function systemRow(e: RunEvent, p: Obj): LogRow {
  const base = { key: `${e.seq}`, seq: e.seq, type: 'system' as const };
  switch (p.type) {
    case 'truncated': {
      const message = str(p.message);
      return { ...base, label: 'truncated', text: message ?? 'The log was truncated here.', say: message ? dropNote(p) : () => t('The log was truncated here.') };
    }
    case 'truncating': {
      const message = str(p.message);
      return { ...base, label: 'truncating', text: message ?? 'The output passed its cap; only its tail will be kept.', say: message ? dropNote(p) : () => t('The output passed its cap; only its tail will be kept.') };
    }
    case 'deferred_cooldown': {
      const resets = str(p.resetsAt);
      const message = str(p.message);
      return {
        ...base,
        label: 'deferred',
        text: `Deferred until the usage limit resets (${resets ? formatInZone(resets) : 'time unknown'}): ${message ?? 'usage limit reached'}`,
        // Claude's own message stays as Claude wrote it.
        say: () =>
          t('Deferred until the usage limit resets ({{time}}): {{message}}', {
            time: resets ? formatInZone(resets) : t('time unknown'),
            message: message ?? t('usage limit reached'),
          }),
      };
    }
    case 'http_response': {
      const status = num(p.status);
      const rest = Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'type' && k !== 'status'));
      return { ...base, label: 'http', text: `HTTP ${status ?? '?'}${Object.keys(rest).length ? ` ${json(rest)}` : ''}` };
    }
    case 'rate_limit_event': {
      const info = isObj(p.rate_limit_info) ? p.rate_limit_info : {};
      const resets = num(info.resetsAt);
      const when = resets ? `, resets ${formatInZone(resets * 1000)}` : '';
      const status = str(info.status) ?? 'unknown';
      const kind = str(info.rateLimitType) ?? 'limit';
      const what = `${status} (${kind})`;
      return {
        ...base,
        label: 'rate limit',
        text: `${what}${when}`,
        // Claude's status and limit names are identifiers ("allowed_warning", "five_hour"): the known ones have words.
        say: () => {
          const said = `${RATE_STATUS[status] ? t(RATE_STATUS[status]) : status}${t('({{kind}})', { kind: limitName(t, kind) })}`;
          return resets ? t('{{what}}, resets {{time}}', { what: said, time: formatInZone(resets * 1000) }) : said;
        },
      };
    }
    case 'system':
      if (p.subtype === 'init') {
        const parts = [str(p.model) && `model ${str(p.model)}`, str(p.cwd) && `in ${str(p.cwd)}`, str(p.session_id) && `session ${str(p.session_id)}`];
        const model = str(p.model);
        const cwd = str(p.cwd);
        const session = str(p.session_id);
        return {
          ...base,
          label: 'init',
          text: `Claude started${parts.some(Boolean) ? ': ' : ''}${parts.filter(Boolean).join(', ')}`,
          say: () => {
            const said = [model && t('model {{model}}', { model }), cwd && t('in {{cwd}}', { cwd }), session && t('session {{session}}', { session })].filter(Boolean);
            return said.length ? t('Claude started: {{details}}', { details: said.join(t(', ')) }) : t('Claude started');
          },
        };
      }
      if (p.subtype === 'api_retry') {
        const vars = { error: str(p.error) ?? 'error', status: num(p.error_status) ?? '?', attempt: num(p.attempt) ?? '?', max: num(p.max_retries) ?? '?', ms: num(p.retry_delay_ms) ?? '?' };
        return {
          ...base,
          label: 'retry',
          text: `API ${vars.error} (${vars.status}), attempt ${vars.attempt} of ${vars.max}, waiting ${vars.ms} ms`,
          say: () => t('API {{error}} ({{status}}), attempt {{attempt}} of {{max}}, waiting {{ms}} ms', vars),
        };
      }
      return { ...base, label: str(p.subtype) ?? 'system', text: json(p) };
    default:
      return { key: base.key, seq: e.seq, type: 'json', label: str(p.type) ?? e.kind, json: json(p) };
  }
}

function resultRow(e: RunEvent, p: Obj): LogRow {
  const isError = p.is_error === true;
  const errors = Array.isArray(p.errors) ? p.errors.map((x) => (typeof x === 'string' ? x : json(x))).join('\n') : '';
  return {
    key: `${e.seq}`,
    seq: e.seq,
    type: 'result',
    isError,
    // Claude ends a limited or failed API call with subtype "success" and is_error true; "error" is the truth.
    subtype: isError && p.subtype === 'success' ? 'error' : (str(p.subtype) ?? 'result'),
    text: str(p.result) ?? errors,
    costUsd: num(p.total_cost_usd),
    durationMs: num(p.duration_ms),
    turns: num(p.num_turns),
  };
}

/** Rows for one event; unknown shapes are shown as JSON rather than dropped. */
export function rowsOfEvent(e: RunEvent): LogRow[] {
  const p = e.payload;
  if (e.kind === 'stdout' || e.kind === 'stderr') {
    const text = typeof p === 'string' ? p : isObj(p) && typeof p.text === 'string' ? p.text : json(p);
    return [{ key: `${e.seq}`, seq: e.seq, type: e.kind, text }];
  }
  if (!isObj(p)) return [{ key: `${e.seq}`, seq: e.seq, type: 'json', label: e.kind, json: json(p) }];
  if (e.kind === 'result' || p.type === 'result') return [resultRow(e, p)];
  if (p.type === 'assistant' || p.type === 'user') {
    const blocks = blocksOf(p);
    if (blocks) return claudeBlockRows(e, blocks);
  }
  return [systemRow(e, p)];
}

const rowCache = new WeakMap<RunEvent, LogRow[]>();

export interface LogModel {
  rows: LogRow[];
  /** Tool results by tool_use id: shown inside their tool call rather than as rows of their own. */
  results: Map<string, ToolResult>;
  /** When each event was written, by seq: the per-line timestamps shown on demand. */
  times: Map<number, string>;
}

/** Called on every batch of a 100,000-event log, so each event is read once and cached. */
export function buildLog(events: readonly RunEvent[]): LogModel {
  const all: LogRow[] = [];
  const toolIds = new Set<string>();
  const results = new Map<string, ToolResult>();
  const times = new Map<number, string>();
  for (const e of events) {
    times.set(e.seq, e.ts);
    let rows = rowCache.get(e);
    if (!rows) {
      rows = rowsOfEvent(e);
      rowCache.set(e, rows);
    }
    for (const row of rows) {
      if (row.type === 'tool' && row.toolUseId) toolIds.add(row.toolUseId);
      if (row.type === 'tool-result' && row.toolUseId && toolIds.has(row.toolUseId)) {
        results.set(row.toolUseId, { content: row.content, isError: row.isError });
        continue;
      }
      all.push(row);
    }
  }
  return { rows: all, results, times };
}

/**
 * A system note as shown: in English exactly as stored, otherwise in the UI's language. Worded when
 * shown, not when the row is built, because rows are cached across language changes.
 */
export function systemText(row: Extract<LogRow, { type: 'system' }>): string {
  return row.say && i18n.language !== 'en' ? row.say() : row.text;
}

// Search text follows the language of what is shown; a language change starts the cache afresh.
let textCache = new WeakMap<LogRow, string>();
i18n.on('languageChanged', () => {
  textCache = new WeakMap();
});

/** A row as plain text: what Copy and Download write, and what search looks in. */
export function rowText(row: LogRow): string {
  switch (row.type) {
    case 'tool':
      return `[tool] ${row.name} ${json(row.input)}`;
    case 'json':
      return `[${row.label}] ${row.json}`;
    case 'system':
      return `[${row.label}] ${systemText(row)}`;
    case 'tool-result':
      return row.content;
    case 'stderr':
      return `[stderr] ${row.text}`;
    default:
      return row.text;
  }
}

/** The whole log as text, one row per line, with timestamps when asked. */
export function logText(model: LogModel, withTimes: (ts: string) => string | null = () => null): string {
  return model.rows
    .map((row) => {
      const ts = model.times.get(row.seq);
      const stamp = ts ? withTimes(ts) : null;
      return stamp ? `${stamp} ${rowText(row)}` : rowText(row);
    })
    .join('\n');
}

/** What the search box matches against, lower-cased once per row. */
export function searchText(row: LogRow, results: Map<string, ToolResult>): string {
  let text = textCache.get(row);
  if (text === undefined) {
    text = rowText(row).toLowerCase();
    textCache.set(row, text);
  }
  if (row.type === 'tool' && row.toolUseId) {
    const result = results.get(row.toolUseId);
    if (result) return `${text}\n${result.content.toLowerCase()}`;
  }
  return text;
}

/** Indices of the rows that contain the query (case-insensitive): the search's matches, in order. */
export function matchIndices(model: LogModel, query: string): number[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [];
  const out: number[] = [];
  model.rows.forEach((row, i) => {
    if (searchText(row, model.results).includes(needle)) out.push(i);
  });
  return out;
}

export function filterRows(model: LogModel, query: string): LogRow[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return model.rows;
  return model.rows.filter((row) => searchText(row, model.results).includes(needle));
}

export const prettyJson = json;
