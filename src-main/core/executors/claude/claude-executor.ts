import path from 'node:path';
import type { RunEventKind } from '../../../../src-shared/domain';
import { classifyRun } from '../../cooldown/classify';
import { OUTCOME_HANDLING } from '../../cooldown/outcome-classes';
import { locateClaude } from './locate';
import { buildClaudeArgs, buildClaudeEnv, type ClaudeOptions } from './args';
import { parseStreamLine, type ParsedLine } from './stream-events';
import { ClaudeRunSummary } from './run-summary';
import { createWorktree, finishWorktree, type Worktree } from './worktree';
import { superviseProcess } from '../process';
import { makeOutputFile } from '../file-tail';
import { checkWorkingDirectory, describeEnd } from '../outcome';
import type { ExecutionRequest, ExecutionResult, Executor } from '../types';

/** One stored event is at most this big; a bigger line keeps a preview and says how big it was. */
export const MAX_EVENT_BYTES = 1024 * 1024;
const STDERR_TAIL_LINES = 20;

function eventKind(line: ParsedLine): RunEventKind {
  switch (line.type) {
    case 'assistant':
      return line.blocks.some((b) => b.kind === 'tool_use') ? 'tool_use' : 'assistant';
    case 'user_tool_result':
      return 'tool_result';
    case 'result':
      return 'result';
    case 'malformed':
      return 'stdout';
    default:
      return 'system';
  }
}

/** Claude's lines are parsed whole up to this size (a long final answer must still count). */
const CLAUDE_LINE_LIMITS = { maxLineBytes: 16 * 1024 * 1024, previewBytes: 64 * 1024 };

/**
 * What is stored for a line that is not stored as it came: one that is not an event (kept as text,
 * cut at MAX_EVENT_BYTES, and then marked as cut) or an event too big to store whole (a preview).
 */
function eventPayload(line: ParsedLine, text: string): unknown {
  if (line.type === 'malformed') {
    if (text.length <= MAX_EVENT_BYTES) return { text, malformed: line.reason };
    return { text: text.slice(0, MAX_EVENT_BYTES), malformed: line.reason, truncated: true, originalBytes: Buffer.byteLength(text) };
  }
  const type = line.type === 'other' ? line.rawType : line.type;
  return { type, truncated: true, originalBytes: Buffer.byteLength(text), preview: text.slice(0, 64 * 1024) };
}

/** Runs `claude -p` headless with stream-json output; success is decided from the events. */
export class ClaudeExecutor implements Executor {
  constructor(private readonly localZone: () => string = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC') {}

  async execute(req: ExecutionRequest): Promise<ExecutionResult> {
    const { job } = req;
    const claude = locateClaude(req.settings.claudePath, req.baseEnv);
    if (!claude) {
      return { status: 'failed', exitCode: null, error: 'Claude CLI not found: install it, or set its path in Settings (or CNP_CLAUDE_PATH)', errorKind: 'permanent' };
    }
    const cwdError = checkWorkingDirectory(job.options.cwd);
    if (cwdError) return { status: 'failed', exitCode: null, error: cwdError, errorKind: 'permanent' };

    let built: { args: string[]; stdin: string | null };
    try {
      built = buildClaudeArgs(req.prompt ?? '', toClaudeOptions(job.options, req.modelOverride));
    } catch (err) {
      return { status: 'failed', exitCode: null, error: (err as Error).message, errorKind: 'permanent' };
    }

    let worktree: Worktree | null = null;
    if (job.options.worktree?.enabled) {
      try {
        worktree = await createWorktree(job.options.cwd ?? process.cwd(), req.run.id, job.options.worktree);
        req.events.add('system', { type: 'worktree', path: worktree.path, branch: worktree.branch });
      } catch (err) {
        return { status: 'failed', exitCode: null, error: (err as Error).message, errorKind: 'permanent' };
      }
    }

    const summary = new ClaudeRunSummary({
      ...(job.options.maxTurns !== undefined ? { maxTurns: job.options.maxTurns } : {}),
      ...(job.options.maxBudgetUsd !== undefined ? { maxBudgetUsd: job.options.maxBudgetUsd } : {}),
    });
    const stderrTail: string[] = [];
    // Always a file, for every CLI version: 2.0/1.0 lose the end of a piped stdout (CLAUDE-CLI.md).
    const stdout = makeOutputFile('cnp-claude');
    const outcome = await superviseProcess({
      stdoutFile: stdout.file,
      file: claude,
      args: built.args,
      cwd: worktree?.path ?? job.options.cwd,
      env: buildClaudeEnv(req.baseEnv, job.options.env ?? {}),
      stdin: built.stdin,
      timeoutMs: req.timeoutMs,
      signal: req.signal,
      onSpawn: req.onSpawn,
      token: req.processToken,
      exitStatusFile: req.exitStatusFile,
      lineLimits: CLAUDE_LINE_LIMITS,
      pace: () => req.events.paced(),
      onStdoutLine: (out) => {
        if (out.truncated) return req.events.addLine('stdout', out);
        const text = out.text;
        if (text.trim() === '') return;
        const line = parseStreamLine(text);
        summary.add(line);
        // A checked JSON line is stored as the text it came as: no second serialisation.
        if (line.type !== 'malformed' && text.length <= MAX_EVENT_BYTES) req.events.addJson(eventKind(line), text, line.raw, out.bytes);
        else req.events.add(eventKind(line), eventPayload(line, text));
      },
      onStderrLine: (out) => {
        stderrTail.push(out.text);
        if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
        req.events.addLine('stderr', out);
      },
    }).finally(() => stdout.remove());

    const result = this.decide(summary, outcome, req.timeoutMs, stderrTail, (req.now ?? Date.now)());
    if (worktree) {
      const fate = await finishWorktree(worktree, job.options.worktree!.keep, result.status === 'succeeded');
      req.events.add('system', { type: 'worktree', path: worktree.path, branch: worktree.branch, [fate]: true });
    }
    return result;
  }

  private decide(summary: ClaudeRunSummary, outcome: Awaited<ReturnType<typeof superviseProcess>>, timeoutMs: number, stderrTail: string[], now: number): ExecutionResult {
    const ended = describeEnd(outcome, timeoutMs);
    const o = summary.finish(outcome.exitCode, outcome.signal, stderrTail.join('\n'));
    const figures = {
      sessionId: o.sessionId ?? null,
      model: o.model ?? null,
      numTurns: o.numTurns ?? null,
      costUsd: o.costUsd,
      tokens: o.tokens,
      ...(o.rateLimitWarning
        ? {
            usageWarning: {
              resetsAt: o.rateLimitWarning.resetsAt !== undefined ? o.rateLimitWarning.resetsAt * 1000 : null,
              limitType: o.rateLimitWarning.rateLimitType ?? null,
              utilization: o.rateLimitWarning.utilization ?? null,
            },
          }
        : {}),
    };
    if (ended) return { ...ended, ...figures };

    const c = classifyRun(o.evidence, now, this.localZone());
    const handling = OUTCOME_HANDLING[c.class];
    if (c.class === 'success') return { status: 'succeeded', exitCode: outcome.exitCode, error: null, errorKind: null, outcomeClass: c.class, ...figures };
    if (handling.followUp === 'defer') {
      return {
        status: 'failed',
        exitCode: outcome.exitCode,
        error: c.message,
        errorKind: 'usage_limit',
        outcomeClass: c.class,
        usageLimit: { resetsAt: c.resetsAt, source: c.evidence, message: c.message, scope: c.scope, limitType: c.limitType, needsUser: c.class === 'spend_limit' },
        ...figures,
      };
    }
    // The summary words max turns/budget with the job's own limit, and a missing result with the exit.
    const error = c.class === 'max_turns' || c.class === 'max_budget' || c.evidence === 'exit' ? (o.error ?? c.message) : c.message;
    return { status: 'failed', exitCode: outcome.exitCode, error, errorKind: handling.errorKind, outcomeClass: c.class, ...figures };
  }
}

function toClaudeOptions(o: ExecutionRequest['job']['options'], modelOverride?: string): ClaudeOptions {
  const c: ClaudeOptions = {};
  if (modelOverride) c.model = modelOverride;
  else if (o.model) c.model = o.model;
  // The CLI refuses a fallback equal to the main model.
  if (o.fallbackModel && o.fallbackModel !== c.model) c.fallbackModel = o.fallbackModel;
  if (o.maxTurns !== undefined) c.maxTurns = o.maxTurns;
  if (o.maxBudgetUsd !== undefined) c.maxBudgetUsd = o.maxBudgetUsd;
  if (o.permissionMode) c.permissionMode = o.permissionMode;
  if (o.allowedTools?.length) c.allowedTools = o.allowedTools;
  if (o.disallowedTools?.length) c.disallowedTools = o.disallowedTools;
  if (o.appendSystemPrompt) c.appendSystemPrompt = o.appendSystemPrompt;
  if (o.addDirs?.length) c.addDirs = o.addDirs.map((d) => path.resolve(d));
  if (o.mcpConfig) c.mcpConfig = o.mcpConfig;
  if (o.resumeSessionId) c.resumeSessionId = o.resumeSessionId;
  if (o.continueSession) c.continueSession = true;
  if (o.dangerouslySkipPermissions) c.dangerouslySkipPermissions = true;
  return c;
}
