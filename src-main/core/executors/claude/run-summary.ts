import type { RunEvidence } from '../../cooldown/classify';
import type { ParsedLine, RunResult, TokenCounts } from './stream-events';

export interface RateLimitNotice {
  /** Epoch seconds, as the CLI gives them. */
  resetsAt?: number;
  rateLimitType?: string;
}

export interface ClaudeOutcome {
  status: 'succeeded' | 'failed';
  error?: string;
  /** Something odd about a run that still succeeded, e.g. a non-zero exit after a success result. */
  note?: string;
  /** Text to feed a usage-limit detector: the result text and any synthetic assistant text. */
  errorText?: string;
  sessionId?: string;
  model?: string;
  costUsd: number | null;
  tokens: TokenCounts;
  numTurns?: number;
  rateLimitRejected?: RateLimitNotice;
  rateLimitWarning?: RateLimitNotice & { utilization?: number };
  sawResult: boolean;
  apiRetries: number;
  /** What the classifier reads: the structured events and the error texts of this run. */
  evidence: RunEvidence;
}

export interface ClaudeRunLimits {
  /** The configured limits, to name them in the error; the result alone does not carry them. */
  maxTurns?: number;
  maxBudgetUsd?: number;
}

/**
 * Folds the parsed stream of one run into its outcome. Success is decided from the events, not the
 * exit code: some versions exit 0 after an API error, and 2.0 exits 0 on `error_max_turns`.
 */
export class ClaudeRunSummary {
  private result: RunResult | undefined;
  private initSessionId: string | undefined;
  private initModel: string | undefined;
  private assistantSessionId: string | undefined;
  private assistantModel: string | undefined;
  private readonly syntheticTexts: string[] = [];
  private rejected: RateLimitNotice | undefined;
  private warning: (RateLimitNotice & { utilization?: number }) | undefined;
  private retries = 0;

  constructor(private readonly limits: ClaudeRunLimits = {}) {}

  add(line: ParsedLine): void {
    switch (line.type) {
      case 'system_init':
        this.initSessionId = line.sessionId;
        this.initModel = line.model;
        break;
      case 'assistant':
        this.assistantSessionId ??= line.sessionId;
        if (line.isSyntheticError) {
          for (const block of line.blocks) if (block.kind === 'text' && block.text.trim() !== '') this.syntheticTexts.push(block.text);
        } else if (line.model !== undefined) {
          this.assistantModel = line.model;
        }
        break;
      case 'api_retry':
        this.retries += 1;
        break;
      case 'rate_limit':
        // `allowed` arrives on ordinary runs; only these two statuses mean anything.
        if (line.status === 'rejected') this.rejected = notice(line);
        else if (line.status === 'allowed_warning') this.warning = withUtilization(notice(line), line.utilization);
        break;
      case 'result':
        this.result = line.result;
        break;
      case 'user_tool_result':
      case 'other':
      case 'malformed':
        break;
    }
  }

  finish(exitCode: number | null, signal?: string | null, stderrTail?: string): ClaudeOutcome {
    const r = this.result;
    const outcome: ClaudeOutcome = {
      status: 'failed',
      costUsd: r?.costUsd ?? null,
      tokens: r === undefined ? { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 } : { ...r.tokens },
      sawResult: r !== undefined,
      apiRetries: this.retries,
      evidence: {
        rejected: this.rejected,
        apiRetries: this.retries,
        result: r === undefined ? undefined : { subtype: r.subtype, isError: r.isError, text: r.text, errors: r.errors },
        syntheticTexts: [...this.syntheticTexts],
        stderr: stderrTail ?? '',
        exitCode,
        signal: signal ?? null,
      },
    };
    const sessionId = r?.sessionId ?? this.initSessionId ?? this.assistantSessionId;
    if (sessionId !== undefined) outcome.sessionId = sessionId;
    const model = r?.model ?? this.initModel ?? this.assistantModel;
    if (model !== undefined) outcome.model = model;
    if (r?.numTurns !== undefined) outcome.numTurns = r.numTurns;
    if (this.rejected !== undefined) outcome.rateLimitRejected = this.rejected;
    if (this.warning !== undefined) outcome.rateLimitWarning = this.warning;

    const stderr = stderrTail?.trim() ?? '';
    const exit = describeExit(exitCode, signal);

    if (r === undefined) {
      outcome.error = `Claude ${exit} without a result${stderr === '' ? '' : `: ${stderr}`}`;
      setErrorText(outcome, [...this.syntheticTexts, stderr]);
      return outcome;
    }

    if (r.subtype === 'success' && !r.isError) {
      outcome.status = 'succeeded';
      if (exitCode !== 0 || (signal ?? null) !== null) outcome.note = `Claude ${exit} after a successful result`;
      return outcome;
    }

    outcome.error = this.describeFailure(r);
    setErrorText(outcome, [r.text ?? '', ...(r.errors ?? []), ...this.syntheticTexts]);
    return outcome;
  }

  private describeFailure(r: RunResult): string {
    // Checked before is_error: 2.0 reports max turns with is_error false, 2.1 with true.
    if (r.subtype === 'error_max_turns') {
      const turns = this.limits.maxTurns ?? r.numTurns;
      return turns === undefined ? 'Reached max turns' : `Reached max turns (${turns})`;
    }
    if (r.subtype === 'error_max_budget_usd') {
      const budget = this.limits.maxBudgetUsd ?? r.costUsd;
      return budget === null || budget === undefined ? 'Reached max budget' : `Reached max budget ($${budget.toFixed(2)})`;
    }
    const detail = nonEmpty(r.text) ?? nonEmpty(r.errors?.join('; ')) ?? this.syntheticTexts[0];
    return detail ?? `Claude reported an error (${r.subtype})`;
  }
}

function notice(line: { resetsAt?: number; rateLimitType?: string }): RateLimitNotice {
  const n: RateLimitNotice = {};
  if (line.resetsAt !== undefined) n.resetsAt = line.resetsAt;
  if (line.rateLimitType !== undefined) n.rateLimitType = line.rateLimitType;
  return n;
}

function withUtilization(n: RateLimitNotice, utilization: number | undefined): RateLimitNotice & { utilization?: number } {
  return utilization === undefined ? n : { ...n, utilization };
}

function describeExit(exitCode: number | null, signal: string | null | undefined): string {
  if (signal !== undefined && signal !== null) return `was stopped by ${signal}`;
  if (exitCode === null) return 'exited';
  return `exited with code ${exitCode}`;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}

/** The limit message is repeated in the result and the synthetic line; keep each text once. */
function setErrorText(outcome: ClaudeOutcome, texts: string[]): void {
  const unique = [...new Set(texts.map((t) => t.trim()).filter((t) => t !== ''))];
  if (unique.length > 0) outcome.errorText = unique.join('\n');
}
