import { z } from 'zod';

/**
 * One stdout line of `claude -p --output-format stream-json --verbose`, checked with zod.
 * The CLI's output changes between versions, so only the fields a decision depends on are required;
 * everything else is optional and a wrongly typed optional field is dropped rather than failing
 * the whole line. Never throws: a bad line becomes `malformed` and the run goes on.
 */

export type AssistantBlock =
  | { kind: 'text'; text: string }
  | { kind: 'tool_use'; id: string; name: string; input: unknown }
  | { kind: 'thinking'; text: string }
  | { kind: 'other'; blockType: string };

export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
}

export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
  costUSD: number;
}

export interface RunResult {
  subtype: string;
  isError: boolean;
  text?: string;
  errors?: string[];
  sessionId?: string;
  durationMs?: number;
  numTurns?: number;
  costUsd: number | null;
  tokens: TokenCounts;
  modelUsage: Record<string, ModelUsage>;
  /** The main model: the one with the largest cost in modelUsage. */
  model?: string;
  permissionDenials: number;
}

export interface ToolResult {
  toolUseId: string;
  content: string;
  isError: boolean;
}

export type ParsedLine =
  | { type: 'system_init'; sessionId: string; model?: string; cwd?: string; version?: string; raw: unknown }
  | {
      type: 'assistant';
      messageId?: string;
      model?: string;
      sessionId?: string;
      blocks: AssistantBlock[];
      /** Model `<synthetic>` or an `error` field: the CLI's own error message (usage limit, API error). */
      isSyntheticError: boolean;
      errorKind?: string;
      raw: unknown;
    }
  | { type: 'user_tool_result'; results: ToolResult[]; raw: unknown }
  | { type: 'api_retry'; attempt?: number; maxRetries?: number; retryDelayMs?: number; errorStatus?: number; error?: string; raw: unknown }
  | { type: 'rate_limit'; status: string; resetsAt?: number /* epoch seconds as given */; rateLimitType?: string; utilization?: number; raw: unknown }
  | { type: 'result'; result: RunResult; raw: unknown }
  | { type: 'other'; rawType: string; raw: unknown }
  | { type: 'malformed'; text: string; reason: string };

export const SYNTHETIC_MODEL = '<synthetic>';

/** Optional, and dropped when present with the wrong type. */
const opt = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const optString = opt(z.string());
const optNumber = opt(z.number());
const count = z.number().nonnegative().catch(0);

// Plain (stripping) objects, not loose ones: only the named fields are read from a check's output and
// the line itself is kept as `raw`, while a loose object copies every unknown key of every line.

const SystemInit = z.object({
  session_id: z.string(),
  model: optString,
  cwd: optString,
  claude_code_version: optString,
});

const ApiRetry = z.object({
  attempt: optNumber,
  max_retries: optNumber,
  retry_delay_ms: optNumber,
  error_status: optNumber,
  error: optString,
});

const TextBlock = z.object({ text: z.string() });
const ThinkingBlock = z.object({ thinking: z.string() });
const ToolUseBlock = z.object({ id: z.string(), name: z.string(), input: z.unknown() });

const Assistant = z.object({
  session_id: optString,
  error: optString,
  message: z.object({
    id: optString,
    model: optString,
    error: optString,
    // The list first: it is what nearly every line has, and a union tries its options in order.
    content: z.union([z.array(z.unknown()), z.string()]),
  }),
});

const ToolResultBlock = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.unknown().optional(),
  is_error: opt(z.boolean()),
});
const User = z.object({
  message: z.object({ content: z.union([z.string(), z.array(z.unknown())]) }),
});

const RateLimitEvent = z.object({
  rate_limit_info: z.object({
    status: z.string(),
    resetsAt: optNumber,
    rateLimitType: optString,
    utilization: optNumber,
  }),
});

const ModelUsageEntry = z.object({
  inputTokens: count,
  outputTokens: count,
  cacheReadInputTokens: count,
  cacheCreationInputTokens: count,
  costUSD: count,
});

const Result = z.object({
  subtype: z.string(),
  is_error: z.boolean(),
  result: optString,
  errors: opt(z.array(z.unknown())),
  session_id: optString,
  duration_ms: optNumber,
  num_turns: optNumber,
  total_cost_usd: opt(z.number().nonnegative()),
  usage: opt(
    z.object({
      input_tokens: count,
      output_tokens: count,
      cache_read_input_tokens: count,
      cache_creation_input_tokens: count,
    }),
  ),
  modelUsage: opt(z.record(z.string(), z.unknown())),
  permission_denials: opt(z.array(z.unknown())),
});

export function parseStreamLine(line: string): ParsedLine {
  // trim() also drops a BOM and the \r of a CRLF line the splitter may have left.
  const text = line.trim();
  if (text === '') return malformed(line, 'empty line');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    // V8 quotes the input in its message; keep the reason short even for multi-megabyte lines.
    return malformed(line, `not JSON: ${clip(err instanceof Error ? err.message : String(err))}`);
  }
  // Only which schema checks the line is decided here, from two fields read by hand: a schema for
  // them cost as much as the line's own check, on every line of a flood.
  const type = typeField(raw);
  if (type === undefined) return malformed(line, 'not a JSON object with a string "type"');
  const subtype = fieldOf(raw, 'subtype');
  const subtypeText = typeof subtype === 'string' ? subtype : undefined;

  switch (type) {
    case 'system':
      if (subtypeText === 'init') return systemInit(line, raw);
      if (subtypeText === 'api_retry') return apiRetry(raw);
      return { type: 'other', rawType: subtypeText === undefined ? 'system' : `system/${subtypeText}`, raw };
    case 'assistant':
      return assistant(line, raw);
    case 'user':
      return user(line, raw);
    case 'rate_limit_event':
      return rateLimit(line, raw);
    case 'result':
      return result(line, raw);
    default:
      return { type: 'other', rawType: type, raw };
  }
}

function systemInit(line: string, raw: unknown): ParsedLine {
  const parsed = SystemInit.safeParse(raw);
  if (!parsed.success) return wrongShape(line, 'system/init', parsed.error);
  const d = parsed.data;
  return compact({ type: 'system_init', sessionId: d.session_id, model: d.model, cwd: d.cwd, version: d.claude_code_version, raw });
}

function apiRetry(raw: unknown): ParsedLine {
  // Every field is optional, and the envelope already proved `raw` is an object.
  const d = ApiRetry.parse(raw);
  return compact({
    type: 'api_retry',
    attempt: d.attempt,
    maxRetries: d.max_retries,
    retryDelayMs: d.retry_delay_ms,
    errorStatus: d.error_status,
    error: d.error,
    raw,
  });
}

function assistant(line: string, raw: unknown): ParsedLine {
  const parsed = Assistant.safeParse(raw);
  if (!parsed.success) return wrongShape(line, 'assistant', parsed.error);
  const d = parsed.data;
  const content = d.message.content;
  const blocks: AssistantBlock[] = typeof content === 'string' ? [{ kind: 'text', text: content }] : content.map(toAssistantBlock);
  const errorKind = d.error ?? d.message.error;
  // Built field by field rather than through compact(): nearly every line of a flood is one of these,
  // and copying it by enumeration cost several times as much as building it.
  const out: Extract<ParsedLine, { type: 'assistant' }> = { type: 'assistant', blocks, isSyntheticError: d.message.model === SYNTHETIC_MODEL || errorKind !== undefined, raw };
  if (d.message.id !== undefined) out.messageId = d.message.id;
  if (d.message.model !== undefined) out.model = d.message.model;
  if (d.session_id !== undefined) out.sessionId = d.session_id;
  if (errorKind !== undefined) out.errorKind = errorKind;
  return out;
}

/** A value's string `type`, or undefined when it is not an object that has one. */
function typeField(value: unknown): string | undefined {
  const type = fieldOf(value, 'type');
  return typeof type === 'string' ? type : undefined;
}

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

function toAssistantBlock(value: unknown): AssistantBlock {
  const blockType = typeField(value);
  if (blockType === undefined) return { kind: 'other', blockType: 'unknown' };
  if (blockType === 'text') {
    const b = TextBlock.safeParse(value);
    if (b.success) return { kind: 'text', text: b.data.text };
  } else if (blockType === 'thinking') {
    const b = ThinkingBlock.safeParse(value);
    if (b.success) return { kind: 'thinking', text: b.data.thinking };
  } else if (blockType === 'tool_use') {
    const b = ToolUseBlock.safeParse(value);
    if (b.success) return { kind: 'tool_use', id: b.data.id, name: b.data.name, input: b.data.input };
  }
  return { kind: 'other', blockType };
}

function user(line: string, raw: unknown): ParsedLine {
  const parsed = User.safeParse(raw);
  if (!parsed.success) return wrongShape(line, 'user', parsed.error);
  const content = parsed.data.message.content;
  const results: ToolResult[] = [];
  if (Array.isArray(content)) {
    for (const item of content) {
      const b = ToolResultBlock.safeParse(item);
      if (b.success) results.push({ toolUseId: b.data.tool_use_id, content: toolResultText(b.data.content), isError: b.data.is_error ?? false });
    }
  }
  // A user line without tool results is the prompt echoed back (e.g. with --replay-user-messages).
  if (results.length === 0) return { type: 'other', rawType: 'user', raw };
  return { type: 'user_tool_result', results, raw };
}

/** Tool output is a string or a list of content blocks; images and the like become a placeholder. */
function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content === undefined || content === null ? '' : JSON.stringify(content);
  const parts: string[] = [];
  for (const item of content) {
    const text = TextBlock.safeParse(item);
    if (text.success) parts.push(text.data.text);
    else parts.push(`[${typeField(item) ?? 'unknown'}]`);
  }
  return parts.join('\n');
}

function rateLimit(line: string, raw: unknown): ParsedLine {
  const parsed = RateLimitEvent.safeParse(raw);
  if (!parsed.success) return wrongShape(line, 'rate_limit_event', parsed.error);
  const info = parsed.data.rate_limit_info;
  return compact({
    type: 'rate_limit',
    status: info.status,
    resetsAt: info.resetsAt,
    rateLimitType: info.rateLimitType,
    utilization: info.utilization,
    raw,
  });
}

function result(line: string, raw: unknown): ParsedLine {
  const parsed = Result.safeParse(raw);
  if (!parsed.success) return wrongShape(line, 'result', parsed.error);
  const d = parsed.data;

  const modelUsage: Record<string, ModelUsage> = {};
  for (const [model, value] of Object.entries(d.modelUsage ?? {})) {
    const entry = ModelUsageEntry.safeParse(value);
    if (entry.success) {
      const e = entry.data;
      modelUsage[model] = {
        inputTokens: e.inputTokens,
        outputTokens: e.outputTokens,
        cacheReadInputTokens: e.cacheReadInputTokens,
        cacheCreationInputTokens: e.cacheCreationInputTokens,
        costUSD: e.costUSD,
      };
    }
  }
  const models = Object.entries(modelUsage);

  // modelUsage covers sub-agents too; `usage` is only the main conversation.
  let tokens: TokenCounts;
  if (models.length > 0) {
    tokens = { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 };
    for (const [, u] of models) {
      tokens.input += u.inputTokens;
      tokens.output += u.outputTokens;
      tokens.cacheRead += u.cacheReadInputTokens;
      tokens.cacheCreation += u.cacheCreationInputTokens;
    }
  } else if (d.usage !== undefined) {
    tokens = {
      input: d.usage.input_tokens,
      output: d.usage.output_tokens,
      cacheRead: d.usage.cache_read_input_tokens,
      cacheCreation: d.usage.cache_creation_input_tokens,
    };
  } else {
    tokens = { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 };
  }

  let costUsd: number | null = d.total_cost_usd ?? null;
  if (costUsd === null && models.length > 0) costUsd = models.reduce((sum, [, u]) => sum + u.costUSD, 0);

  const errors = d.errors?.filter((e): e is string => typeof e === 'string');
  return {
    type: 'result',
    result: compact({
      subtype: d.subtype,
      isError: d.is_error,
      text: d.result,
      errors: errors !== undefined && errors.length > 0 ? errors : undefined,
      sessionId: d.session_id,
      durationMs: d.duration_ms,
      numTurns: d.num_turns,
      costUsd,
      tokens,
      modelUsage,
      model: mainModel(models),
      permissionDenials: d.permission_denials?.length ?? 0,
    }),
    raw,
  };
}

/**
 * The costliest model is the one doing the work (a cheap helper model also shows up for titles and
 * sub-agents). Ties — all zero against a local stand-in — go to the one with more output tokens.
 */
function mainModel(models: [string, ModelUsage][]): string | undefined {
  let best: [string, ModelUsage] | undefined;
  for (const candidate of models) {
    const [, u] = candidate;
    if (best === undefined || u.costUSD > best[1].costUSD || (u.costUSD === best[1].costUSD && u.outputTokens > best[1].outputTokens)) {
      best = candidate;
    }
  }
  return best?.[0];
}

function malformed(text: string, reason: string): ParsedLine {
  return { type: 'malformed', text, reason };
}

function wrongShape(line: string, what: string, error: z.ZodError): ParsedLine {
  const issue = error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
  return malformed(line, `unexpected ${what} shape${where}: ${clip(issue?.message ?? 'invalid')}`);
}

function clip(message: string): string {
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

/**
 * Drops undefined-valued keys, so a parsed line holds only the fields the CLI gave (and compares
 * cleanly in tests).
 * Copies rather than `delete`s: deleting turns an object into a slow dictionary, once per line.
 */
function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = value[key];
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}
