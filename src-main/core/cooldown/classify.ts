import { scopeOfLimitType, type LimitScope } from './limit-scope';
import type { OutcomeClass } from './outcome-classes';
import { matchErrorText, TEXT_RULES, type TextMatch } from './text-rules';

/**
 * Classifies one finished Claude run from what it printed. Structured evidence decides first
 * (`rate_limit_event`, the result's subtype and `is_error`), the error texts second, the exit code
 * last: exit codes for the same failure differ between CLI versions (0, 1, 3), so they only speak
 * when nothing else does. Pure: the clock and the local zone are arguments.
 */

export interface RunEvidence {
  /** The last `rate_limit_event` with status `rejected`, as printed (resetsAt in epoch seconds). */
  rejected?: { resetsAt?: number; rateLimitType?: string } | undefined;
  /** How many `api_retry` lines the CLI printed: it already retried a 429/529 itself. */
  apiRetries: number;
  result?: { subtype: string; isError: boolean; text?: string | undefined; errors?: string[] | undefined } | undefined;
  /** Texts of `<synthetic>` assistant messages: the CLI's own error messages. */
  syntheticTexts: string[];
  stderr: string;
  exitCode: number | null;
  signal: string | null;
}

export interface Classification {
  class: OutcomeClass;
  /** What happened, in words a user can act on. */
  message: string;
  /** Which piece of evidence decided: `rate_limit_event`, `result:error_max_turns`, `text:v2-hit`, `exit`. */
  evidence: string;
  /**
   * Epoch ms when the limit lifts. Printed clock times name a minute: the real reset lies up to 59 s
   * later, so they are rounded up to the end of that minute. May lie in the past (a reset that has
   * just gone by): the cooldown then probes again soon.
   */
  resetsAt: number | null;
  scope: LimitScope;
  /** `five_hour`, `seven_day`, `seven_day_opus`, … when known. */
  limitType: string | null;
}

const MINUTE_MS = 60_000;
const RULE_RANK = new Map(TEXT_RULES.map((rule, index) => [rule, index]));

export const NOT_LOGGED_IN_PREFIX = 'Claude is not logged in for scheduled runs';

/** A result text that is one of the CLI's own error lines, even when reported as a success. */
const CLI_ERROR_OPENER = /^\s*(?:API Error\b|Claude AI usage limit reached|You['\u2019](?:ve hit|ve reached|re out of) your)/i;

function fromText(m: TextMatch, rejected: RunEvidence['rejected']): Classification {
  const limitType = rejected?.rateLimitType ?? m.limitType;
  let resetsAt = m.resetsAt;
  if (resetsAt !== null && m.precision === 'minute') resetsAt = Math.floor(resetsAt / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  let cls = m.rule.class;
  if (cls === 'usage_limit' && resetsAt === null) cls = 'usage_limit_no_reset';
  const message = cls === 'auth' ? `${NOT_LOGGED_IN_PREFIX}: ${m.message}` : m.message;
  const limited = cls === 'usage_limit' || cls === 'usage_limit_no_reset' || cls === 'spend_limit';
  return {
    class: cls,
    message,
    evidence: m.rule.id,
    resetsAt: limited ? resetsAt : null,
    scope: limited ? scopeOfLimitType(limitType) : 'all',
    limitType: limited ? limitType ?? null : null,
  };
}

function errorTexts(e: RunEvidence): string[] {
  const texts = [e.result?.text ?? '', ...(e.result?.errors ?? []), ...e.syntheticTexts, e.stderr];
  return [...new Set(texts.map((t) => t.trim()).filter((t) => t !== ''))];
}

function firstTextMatch(texts: string[], now: number, localZone: string): TextMatch | null {
  // Rule order beats text order: a usage limit in the synthetic line outranks a vaguer result text.
  let best: { match: TextMatch; rank: number } | null = null;
  for (const text of texts) {
    const match = matchErrorText(text, now, localZone);
    if (!match) continue;
    const rank = RULE_RANK.get(match.rule) ?? Number.MAX_SAFE_INTEGER;
    if (best === null || rank < best.rank) best = { match, rank };
  }
  return best?.match ?? null;
}


function describeExit(e: RunEvidence): string {
  if (e.signal !== null) return `was stopped by ${e.signal}`;
  if (e.exitCode === null) return 'exited';
  return `exited with code ${e.exitCode}`;
}

export function classifyRun(e: RunEvidence, now: number, localZone: string): Classification {
  const plain = (cls: OutcomeClass, message: string, evidence: string): Classification => ({
    class: cls,
    message,
    evidence,
    resetsAt: null,
    scope: 'all',
    limitType: null,
  });
  const r = e.result;
  const texts = errorTexts(e);

  // 1. A clean success — unless its text is the CLI's own error line (some versions report an API
  //    error or a limit as `subtype:"success"` with is_error false and exit 0).
  if (r && r.subtype === 'success' && !r.isError) {
    const text = r.text ?? '';
    const suspicious = e.syntheticTexts.some((s) => s.trim() === text.trim()) || (text.length < 500 && CLI_ERROR_OPENER.test(text));
    const match = suspicious ? firstTextMatch([text], now, localZone) : null;
    if (match) return fromText(match, e.rejected);
    return plain('success', 'Succeeded', 'result:success');
  }

  // 2. The structured limit event: authoritative for the reset when it carries one.
  if (e.rejected) {
    const match = firstTextMatch(texts, now, localZone);
    if (typeof e.rejected.resetsAt === 'number' && e.rejected.resetsAt > 0) {
      const resetsAt = e.rejected.resetsAt > 1e12 ? e.rejected.resetsAt : e.rejected.resetsAt * 1000;
      const cls: OutcomeClass = match?.rule.class === 'spend_limit' ? 'spend_limit' : 'usage_limit';
      return {
        class: cls,
        message: match?.message ?? r?.text ?? 'Claude usage limit reached',
        evidence: 'rate_limit_event',
        resetsAt,
        scope: scopeOfLimitType(e.rejected.rateLimitType ?? match?.limitType),
        limitType: e.rejected.rateLimitType ?? match?.limitType ?? null,
      };
    }
    // `rejected` without `resetsAt` is what 2.1 prints after retrying a plain 429 itself: the text
    // decides, and a CLI that already retried has told us it was a rate limit.
    if (match) return fromText(match, e.rejected);
    if (e.apiRetries > 0) return plain('rate_limited', r?.text ?? 'Rate limited: the Claude CLI gave up after its own retries', 'rate_limit_event');
    return {
      ...plain('usage_limit_no_reset', r?.text ?? 'Claude usage limit reached (no reset time given)', 'rate_limit_event'),
      scope: scopeOfLimitType(e.rejected.rateLimitType),
      limitType: e.rejected.rateLimitType ?? null,
    };
  }

  // 3. The result's own subtype.
  if (r?.subtype === 'error_max_turns') return plain('max_turns', 'Reached max turns', 'result:error_max_turns');
  if (r?.subtype === 'error_max_budget_usd') return plain('max_budget', 'Reached max budget', 'result:error_max_budget_usd');

  // 4. The error texts: result, errors, synthetic assistant lines, stderr.
  const match = firstTextMatch(texts, now, localZone);
  if (match) return fromText(match, undefined);

  // 5. Nothing recognisable: a crash, retried by the job's policy.
  if (r) {
    const detail = texts[0] ?? `Claude reported an error (${r.subtype})`;
    return plain('crash', detail, `result:${r.subtype}`);
  }
  const stderr = e.stderr.trim();
  return plain('crash', `Claude ${describeExit(e)} without a result${stderr === '' ? '' : `: ${stderr.slice(-500)}`}`, 'exit');
}
