import { z } from 'zod';
import type { RunEvent } from '../../src-shared/domain';

/**
 * A run event as a person reads it in a terminal. Output of shell jobs is shown as it was; Claude's
 * stream-json lines are boiled down to the text, the tools used and the result. The payload comes
 * from the database and from several Claude CLI versions, so every shape is checked, and anything
 * unexpected is shown raw rather than dropped.
 */

const Block = z.looseObject({ type: z.string() });
const TextBlock = z.looseObject({ type: z.literal('text'), text: z.string() });
const ToolUseBlock = z.looseObject({ type: z.literal('tool_use'), name: z.string(), input: z.unknown().optional() });
const ToolResultBlock = z.looseObject({ type: z.literal('tool_result'), content: z.unknown().optional(), is_error: z.boolean().optional() });
const MessageLine = z.looseObject({ message: z.looseObject({ content: z.union([z.string(), z.array(z.unknown())]) }) });
const ResultLine = z.looseObject({
  subtype: z.string().optional(),
  is_error: z.boolean().optional(),
  result: z.string().optional(),
  total_cost_usd: z.number().optional(),
  num_turns: z.number().optional(),
});
const SystemLine = z.looseObject({
  type: z.string().optional(),
  subtype: z.string().optional(),
  model: z.string().optional(),
  message: z.string().optional(),
});
/** 2.1's own retry of a 429/529: which attempt of how many, after how long, for which status. */
const ApiRetry = z.looseObject({
  subtype: z.literal('api_retry'),
  attempt: z.number().optional(),
  max_retries: z.number().optional(),
  retry_delay_ms: z.number().optional(),
  error_status: z.number().optional(),
  error: z.string().optional(),
});
const Deferred = z.looseObject({ type: z.literal('deferred_cooldown'), message: z.string(), resetsAt: z.string().optional() });
const ResultErrors = z.looseObject({ errors: z.array(z.unknown()).optional() });
const HttpRequest = z.looseObject({ type: z.literal('http_request'), method: z.string(), url: z.string() });
const HttpResponse = z.looseObject({
  type: z.literal('http_response'),
  status: z.number(),
  statusText: z.string().optional(),
  durationMs: z.number().optional(),
  bytes: z.number().optional(),
});
const RateLimit = z.looseObject({
  type: z.literal('rate_limit_event'),
  rate_limit_info: z.looseObject({ status: z.string(), resetsAt: z.number().optional() }),
});
/** Output lines of shell and HTTP jobs, and Claude lines that were not JSON. */
const TextLine = z.looseObject({ text: z.string() });
/** A line too big to store whole. */
const Oversized = z.looseObject({ truncated: z.literal(true), originalBytes: z.number() });

const clip = (text: string, max = 300) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const raw = (payload: unknown) => (typeof payload === 'string' ? payload : JSON.stringify(payload));

function contentBlocks(payload: unknown): unknown[] {
  const block = Block.safeParse(payload);
  if (block.success && block.data.type !== 'assistant' && block.data.type !== 'user') return [payload];
  const line = MessageLine.safeParse(payload);
  if (!line.success) return [];
  const content = line.data.message.content;
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((c) => TextBlock.safeParse(c).data?.text ?? '').join(' ');
  return content === undefined ? '' : JSON.stringify(content);
}

function blockLines(payload: unknown): string[] {
  const lines: string[] = [];
  for (const item of contentBlocks(payload)) {
    const text = TextBlock.safeParse(item);
    if (text.success) {
      lines.push(text.data.text);
      continue;
    }
    const tool = ToolUseBlock.safeParse(item);
    if (tool.success) {
      const summary = toolInputSummary(tool.data.name, tool.data.input);
      lines.push(`[tool_use] ${tool.data.name}${summary ? `: ${summary}` : ''}`);
      continue;
    }
    const result = ToolResultBlock.safeParse(item);
    if (result.success) lines.push(`[tool_result${result.data.is_error ? ' error' : ''}] ${clip(toolResultText(result.data.content))}`);
  }
  return lines;
}

/**
 * What a tool call does, in one line: the Bash command, the file read or edited, the pattern
 * searched, the URL fetched — the input field that names the action, else the input clipped.
 */
const TOOL_INPUT_KEYS = ['command', 'file_path', 'notebook_path', 'pattern', 'url', 'query', 'path', 'description', 'prompt'];
function toolInputSummary(name: string, input: unknown): string {
  if (input === undefined || input === null) return '';
  if (typeof input !== 'object') return clip(String(input), 200);
  const fields = input as Record<string, unknown>;
  const key = TOOL_INPUT_KEYS.find((k) => typeof fields[k] === 'string' && fields[k] !== '');
  if (key) {
    const value = clip(String(fields[key]), 200);
    // The Grep/Glob pattern reads better with where it looks.
    const where = (name === 'Grep' || name === 'Glob') && typeof fields.path === 'string' && key === 'pattern' ? ` in ${clip(fields.path, 80)}` : '';
    return `${value}${where}`;
  }
  const json = JSON.stringify(input);
  return json === '{}' ? '' : clip(json, 200);
}

function resultLine(payload: unknown): string {
  const r = ResultLine.safeParse(payload);
  if (!r.success) return `[result] ${clip(raw(payload))}`;
  // An API error or a usage limit arrives as subtype "success" with is_error: it is not a success.
  if (r.data.is_error === true) {
    const cost = r.data.total_cost_usd !== undefined ? ` ($${r.data.total_cost_usd.toFixed(4)})` : '';
    const errors = ResultErrors.safeParse(payload).data?.errors?.filter((e): e is string => typeof e === 'string') ?? [];
    const detail = r.data.result || errors.join('; ') || (r.data.subtype && r.data.subtype !== 'success' ? r.data.subtype : 'the run failed');
    return `[result] error${cost}: ${clip(detail, 1000)}`;
  }
  const head = `[result] ${r.data.subtype ?? (r.data.is_error ? 'error' : 'done')}`;
  const cost = r.data.total_cost_usd !== undefined ? ` ($${r.data.total_cost_usd.toFixed(4)})` : '';
  return r.data.result ? `${head}${cost}: ${clip(r.data.result, 1000)}` : `${head}${cost}`;
}

function systemLine(payload: unknown): string | null {
  if (typeof payload === 'string') return `[system] ${payload}`;
  const request = HttpRequest.safeParse(payload);
  if (request.success) return `[http] ${request.data.method} ${request.data.url}`;
  const response = HttpResponse.safeParse(payload);
  if (response.success) {
    const r = response.data;
    const extra = [r.durationMs !== undefined ? `${r.durationMs}ms` : null, r.bytes !== undefined ? `${r.bytes} bytes` : null].filter(Boolean).join(', ');
    return `[http] ${r.status}${r.statusText ? ` ${r.statusText}` : ''}${extra ? ` (${extra})` : ''}`;
  }
  const s = SystemLine.safeParse(payload);
  if (!s.success) return `[system] ${clip(raw(payload))}`;
  if (s.data.subtype === 'init') return `[system] session started${s.data.model ? ` (${s.data.model})` : ''}`;
  // Heartbeats and "you are within your limits" say nothing a person watching needs.
  if (s.data.type === 'keep_alive') return null;
  const limit = RateLimit.safeParse(payload);
  if (limit.success) {
    const info = limit.data.rate_limit_info;
    if (info.status === 'allowed') return null;
    const resets = info.resetsAt !== undefined ? `, resets ${new Date(info.resetsAt * 1000).toISOString()}` : '';
    return `[rate limit] ${info.status}${resets}`;
  }
  const deferred = Deferred.safeParse(payload);
  if (deferred.success) return `[cooldown] deferred until ${deferred.data.resetsAt ?? 'the limit resets'}: ${deferred.data.message}`;
  const retry = ApiRetry.safeParse(payload);
  if (retry.success) {
    const r = retry.data;
    const attempt = r.attempt !== undefined ? `attempt ${r.attempt}${r.max_retries !== undefined ? `/${r.max_retries}` : ''}` : 'retry';
    const delay = r.retry_delay_ms !== undefined ? `, in ${(r.retry_delay_ms / 1000).toFixed(1)} s` : '';
    const status = r.error_status !== undefined || r.error ? `, after ${[r.error_status, r.error].filter((x) => x !== undefined).join(' ')}` : '';
    return `[retry] API ${attempt}${delay}${status}`;
  }
  const what = s.data.subtype ?? s.data.type ?? 'event';
  return `[system] ${what}${s.data.message ? `: ${s.data.message}` : ''}`;
}

/** The text to print for one event, or null for an event with nothing to show. */
export function eventText(e: RunEvent): string | null {
  const oversized = Oversized.safeParse(e.payload);
  if (oversized.success) return `[${e.kind}] a line of ${oversized.data.originalBytes} bytes, too big to keep whole`;
  switch (e.kind) {
    case 'stdout':
    case 'stderr': {
      const line = TextLine.safeParse(e.payload);
      return line.success ? line.data.text : raw(e.payload);
    }
    case 'assistant':
    case 'tool_use':
    case 'tool_result': {
      if (typeof e.payload === 'string') return `[${e.kind}] ${e.payload}`;
      const lines = blockLines(e.payload);
      return lines.length ? lines.join('\n') : null;
    }
    case 'result':
      return resultLine(e.payload);
    case 'system':
      return systemLine(e.payload);
  }
}
