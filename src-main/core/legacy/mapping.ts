import { validateCron } from '../scheduler/schedule';

/**
 * Pure conversions from the original app's values (LEGACY-DB.md "Mapping hints") to ours. Each
 * returns what it could map, or the reason it could not, so the report can say why.
 */

/** tokio-cron-scheduler wrote `sec min hour dom month dow [year]`; croner takes 5 or 6 fields. */
export function convertCron(expr: string, timezone: string): { cron: string } | { reason: string } {
  const fields = expr.trim().split(/\s+/);
  let candidate = fields;
  if (fields.length === 7) {
    const year = fields[6]!;
    if (year !== '*' && year !== '?') return { reason: `cron "${expr}" is limited to year ${year}, which croner cannot express` };
    candidate = fields.slice(0, 6);
  }
  if (candidate.length !== 5 && candidate.length !== 6) return { reason: `cron "${expr}" has ${fields.length} fields (5, 6 or 7 expected)` };
  const cron = candidate.join(' ');
  try {
    validateCron(cron, timezone);
    return { cron };
  } catch (err) {
    return { reason: (err as Error).message };
  }
}

/** 'active'/'pending' run; 'paused'/'inactive'/'disabled' do not; anything else imports disabled, said so. */
export function mapStatus(status: string | null | undefined): { enabled: boolean; note: string | null } {
  const s = (status ?? '').trim().toLowerCase();
  if (s === 'active' || s === 'pending' || s === 'scheduled' || s === '') return { enabled: true, note: null };
  if (s === 'paused' || s === 'inactive' || s === 'disabled') return { enabled: false, note: null };
  return { enabled: false, note: `its status was "${status}", so it is imported paused` };
}

/** Tags as the original stored them: a JSON array, or comma-separated text. */
export function parseTags(raw: unknown): string[] {
  if (raw === null || raw === undefined) return [];
  const text = String(raw).trim();
  if (!text) return [];
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return clean(parsed.map(String));
    } catch {
      // not JSON after all: fall through to commas
    }
  }
  return clean(text.split(','));
}

function clean(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0 && t.length <= 50))].slice(0, 50);
}

export function parseJsonObject(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string' || !raw.trim()) return {};
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `YYYY-MM-DD HH:MM:SS` (SQLite CURRENT_TIMESTAMP, UTC) or RFC 3339 → epoch ms. */
export function parseLegacyTime(raw: unknown): number | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw === 'number') return raw > 1e12 ? raw : raw * 1000;
  const text = String(raw).trim();
  const sqlite = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(\.\d+)?)$/.exec(text);
  const ms = Date.parse(sqlite ? `${sqlite[1]}T${sqlite[2]}Z` : text);
  return Number.isNaN(ms) ? null : ms;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** retry_config JSON: {"max_retries": 3, "backoff_strategy": "exponential", "initial_delay_seconds"…}. */
export function mapRetry(config: Record<string, unknown>): { maxRetries?: number; backoff?: 'fixed' | 'linear' | 'exponential'; delaySeconds?: number; maxDelaySeconds?: number } {
  const out: ReturnType<typeof mapRetry> = {};
  const max = num(config.max_retries ?? config.max_attempts);
  if (max !== undefined) out.maxRetries = Math.max(0, Math.min(100, Math.round(max)));
  const strategy = String(config.backoff_strategy ?? config.strategy ?? '').toLowerCase();
  if (strategy === 'fixed' || strategy === 'linear' || strategy === 'exponential') out.backoff = strategy;
  const delay = num(config.initial_delay_seconds ?? config.retry_delay_seconds ?? config.base_delay_seconds ?? config.initial_interval);
  if (delay !== undefined && delay >= 0 && delay <= 86_400) out.delaySeconds = delay;
  const maxDelay = num(config.max_delay_seconds ?? config.max_interval);
  if (maxDelay !== undefined && maxDelay >= 0 && maxDelay <= 7 * 86_400) out.maxDelaySeconds = maxDelay;
  return out;
}

/** execution_options JSON: the few options both apps have. */
export function mapExecution(options: Record<string, unknown>): { model?: string; maxTurns?: number; cwd?: string; allowedTools?: string[]; dangerouslySkipPermissions?: boolean } {
  const out: ReturnType<typeof mapExecution> = {};
  if (typeof options.model === 'string' && options.model.trim()) out.model = options.model.trim();
  const turns = num(options.max_turns);
  if (turns !== undefined && Number.isInteger(turns) && turns > 0 && turns <= 10_000) out.maxTurns = turns;
  const cwd = options.working_directory ?? options.working_dir ?? options.cwd;
  if (typeof cwd === 'string' && cwd.trim()) out.cwd = cwd.trim();
  if (Array.isArray(options.allowed_tools)) out.allowedTools = options.allowed_tools.map(String).filter(Boolean);
  if (options.skip_permissions === true || options.dangerously_skip_permissions === true) out.dangerouslySkipPermissions = true;
  return out;
}
