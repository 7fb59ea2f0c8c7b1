import { describe, expect, it } from 'vitest';
import { ClaudeRunSummary, type ClaudeOutcome, type ClaudeRunLimits } from './run-summary';
import { parseStreamLine } from './stream-events';

const SESSION = 'a1b2c3d4-0000-4000-8000-000000000001';
const INIT_SESSION = 'a1b2c3d4-0000-4000-8000-000000000002';
const LIMIT_TEXT = "You've hit your session limit · resets 3pm (Europe/Paris)";

const init = { type: 'system', subtype: 'init', session_id: INIT_SESSION, model: 'claude-sonnet-4-5', cwd: '/repo', claude_code_version: '2.1.3' };
const text = (t: string, extra: Record<string, unknown> = {}) => ({
  type: 'assistant',
  message: { id: 'msg_1', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: t }] },
  session_id: INIT_SESSION,
  ...extra,
});
const synthetic = (t: string) => ({
  type: 'assistant',
  message: { id: 'syn', model: '<synthetic>', content: [{ type: 'text', text: t }] },
  session_id: INIT_SESSION,
  error: 'rate_limit',
});
const result = (patch: Record<string, unknown> = {}) => ({
  type: 'result',
  subtype: 'success',
  is_error: false,
  num_turns: 2,
  result: 'All done',
  session_id: SESSION,
  total_cost_usd: 0.12,
  modelUsage: {
    'claude-sonnet-4-5': { inputTokens: 10, outputTokens: 20, cacheReadInputTokens: 30, cacheCreationInputTokens: 40, costUSD: 0.12 },
  },
  ...patch,
});
const retry = (status: number) => ({ type: 'system', subtype: 'api_retry', attempt: 1, max_retries: 10, retry_delay_ms: 500, error_status: status, error: 'overloaded' });
const rateLimit = (status: string, extra: Record<string, unknown> = {}) => ({ type: 'rate_limit_event', rate_limit_info: { status, resetsAt: 1767261600, rateLimitType: 'five_hour', ...extra } });

function summarise(lines: (object | string)[], exit: { code: number | null; signal?: string | null; stderr?: string }, limits?: ClaudeRunLimits): ClaudeOutcome {
  const summary = new ClaudeRunSummary(limits);
  for (const l of lines) summary.add(parseStreamLine(typeof l === 'string' ? l : JSON.stringify(l)));
  return summary.finish(exit.code, exit.signal, exit.stderr);
}

describe('ClaudeRunSummary', () => {
  const cases: {
    name: string;
    lines: (object | string)[];
    exit: { code: number | null; signal?: string | null; stderr?: string };
    limits?: ClaudeRunLimits;
    expected: Partial<ClaudeOutcome>;
  }[] = [
    {
      name: 'a successful run takes session, cost and tokens from the result',
      lines: [init, text('hi', { message: { id: 'm', model: 'x', content: [], usage: { input_tokens: 999, output_tokens: 999 } } }), result(), { type: 'keep_alive' }],
      exit: { code: 0 },
      expected: {
        status: 'succeeded',
        sessionId: SESSION,
        model: 'claude-sonnet-4-5',
        costUsd: 0.12,
        tokens: { input: 10, output: 20, cacheRead: 30, cacheCreation: 40 },
        numTurns: 2,
        sawResult: true,
        apiRetries: 0,
      },
    },
    {
      name: 'a success result wins over a non-zero exit code, with a note',
      lines: [init, result()],
      exit: { code: 1 },
      expected: { status: 'succeeded', note: 'Claude exited with code 1 after a successful result', error: undefined },
    },
    {
      name: 'session id falls back to the init line',
      lines: [init, result({ session_id: undefined })],
      exit: { code: 0 },
      expected: { status: 'succeeded', sessionId: INIT_SESSION },
    },
    {
      name: '2.0 max turns (is_error false, exit 0) fails with the configured limit',
      lines: [init, result({ subtype: 'error_max_turns', is_error: false, result: undefined, num_turns: 4 })],
      exit: { code: 0 },
      limits: { maxTurns: 3 },
      expected: { status: 'failed', error: 'Reached max turns (3)', numTurns: 4 },
    },
    {
      name: '2.1 max turns (is_error true) names the turns from the result without a limit',
      lines: [init, result({ subtype: 'error_max_turns', is_error: true, result: undefined, num_turns: 4 })],
      exit: { code: 1 },
      expected: { status: 'failed', error: 'Reached max turns (4)' },
    },
    {
      name: 'max budget',
      lines: [init, result({ subtype: 'error_max_budget_usd', is_error: true, result: undefined })],
      exit: { code: 1 },
      limits: { maxBudgetUsd: 0.1 },
      expected: { status: 'failed', error: 'Reached max budget ($0.10)', costUsd: 0.12 },
    },
    {
      name: 'an API error reported as success + is_error',
      lines: [init, result({ is_error: true, result: 'API Error: 529 overloaded' })],
      exit: { code: 0 },
      expected: { status: 'failed', error: 'API Error: 529 overloaded', errorText: 'API Error: 529 overloaded' },
    },
    {
      name: 'resume of an unknown session: no init, errors list',
      lines: [result({ subtype: 'error_during_execution', is_error: true, result: undefined, errors: ['No conversation found with session ID: x'], session_id: 'new' })],
      exit: { code: 1 },
      expected: { status: 'failed', error: 'No conversation found with session ID: x', sessionId: 'new', errorText: 'No conversation found with session ID: x' },
    },
    {
      name: 'an error subtype with is_error false still fails',
      lines: [init, result({ subtype: 'error_during_execution', is_error: false, result: '' })],
      exit: { code: 0 },
      expected: { status: 'failed', error: 'Claude reported an error (error_during_execution)' },
    },
    {
      name: '2.1 usage limit: rejected event, synthetic text repeated in the result',
      lines: [init, rateLimit('rejected'), synthetic(LIMIT_TEXT), result({ is_error: true, result: LIMIT_TEXT, total_cost_usd: 0, modelUsage: {} })],
      exit: { code: 1 },
      expected: {
        status: 'failed',
        error: LIMIT_TEXT,
        errorText: LIMIT_TEXT,
        rateLimitRejected: { resetsAt: 1767261600, rateLimitType: 'five_hour' },
        rateLimitWarning: undefined,
        costUsd: 0,
      },
    },
    {
      name: 'a usage warning on a run that succeeds; allowed is ignored',
      lines: [init, rateLimit('allowed'), rateLimit('allowed_warning', { utilization: 0.92 }), result()],
      exit: { code: 0 },
      expected: {
        status: 'succeeded',
        rateLimitWarning: { resetsAt: 1767261600, rateLimitType: 'five_hour', utilization: 0.92 },
        rateLimitRejected: undefined,
      },
    },
    {
      name: 'api_retry lines are counted',
      lines: [init, retry(529), retry(529), retry(429), result()],
      exit: { code: 0 },
      expected: { status: 'succeeded', apiRetries: 3 },
    },
    {
      name: 'killed by SIGTERM while hanging',
      lines: [init],
      exit: { code: null, signal: 'SIGTERM' },
      expected: { status: 'failed', error: 'Claude was stopped by SIGTERM without a result', sawResult: false, costUsd: null, sessionId: INIT_SESSION },
    },
    {
      name: 'exit 143 without a result',
      lines: [init, text('working')],
      exit: { code: 143 },
      expected: { status: 'failed', error: 'Claude exited with code 143 without a result', errorText: undefined },
    },
    {
      name: 'a usage error on stderr',
      lines: [],
      exit: { code: 1, stderr: 'Error: When using --print, --output-format=stream-json requires --verbose\n' },
      expected: {
        status: 'failed',
        error: 'Claude exited with code 1 without a result: Error: When using --print, --output-format=stream-json requires --verbose',
        errorText: 'Error: When using --print, --output-format=stream-json requires --verbose',
        tokens: { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 },
        sessionId: undefined,
        model: undefined,
      },
    },
    {
      name: 'a 1.0 usage limit without a result still feeds the detector',
      lines: [init, synthetic('Claude AI usage limit reached|1767261600')],
      exit: { code: 1 },
      expected: { status: 'failed', errorText: 'Claude AI usage limit reached|1767261600' },
    },
    {
      name: 'malformed and unknown lines do not change the outcome',
      lines: [init, 'garbage', '{"type":"result"', { type: 'stream_event' }, result(), { type: 'system', subtype: 'status' }],
      exit: { code: 0 },
      expected: { status: 'succeeded', sawResult: true },
    },
    {
      name: 'a failed result without text falls back to the synthetic message',
      lines: [init, synthetic('API Error: Rate limit reached'), result({ is_error: true, result: undefined })],
      exit: { code: 1 },
      expected: { status: 'failed', error: 'API Error: Rate limit reached' },
    },
  ];

  it.each(cases)('$name', ({ lines, exit, limits, expected }) => {
    const outcome = summarise(lines, exit, limits);
    for (const [key, value] of Object.entries(expected)) {
      expect(outcome[key as keyof ClaudeOutcome], key).toEqual(value);
    }
  });

  it('uses the model of the assistant lines when neither result nor init name one', () => {
    const outcome = summarise([text('hi'), synthetic('x'), result({ modelUsage: undefined })], { code: 0 });
    expect(outcome.model).toBe('claude-sonnet-4-5');
  });

  it('never sums assistant usage into the tokens', () => {
    const assistant = { type: 'assistant', message: { id: 'm', model: 'm', content: [{ type: 'text', text: 'a' }], usage: { input_tokens: 50, output_tokens: 50 } } };
    const outcome = summarise([init, assistant, assistant, result({ modelUsage: undefined, usage: { input_tokens: 7, output_tokens: 8 } })], { code: 0 });
    expect(outcome.tokens).toEqual({ input: 7, output: 8, cacheRead: 0, cacheCreation: 0 });
  });
});
