import { describe, expect, it } from 'vitest';
import { parseStreamLine, type ParsedLine } from './stream-events';

const line = (value: unknown) => JSON.stringify(value);

const SESSION = '5f0c7a52-3c55-4b1e-9d52-7a0a4f8f2c11';

const successResult = {
  type: 'result',
  subtype: 'success',
  is_error: false,
  duration_ms: 5321,
  duration_api_ms: 5000,
  num_turns: 3,
  result: 'Done.',
  session_id: SESSION,
  total_cost_usd: 0.0421,
  usage: { input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 30, cache_read_input_tokens: 40 },
  modelUsage: {
    'claude-haiku-4-5': { inputTokens: 100, outputTokens: 5, cacheReadInputTokens: 0, cacheCreationInputTokens: 0, costUSD: 0.0011 },
    'claude-sonnet-4-5': { inputTokens: 12, outputTokens: 300, cacheReadInputTokens: 4000, cacheCreationInputTokens: 700, costUSD: 0.041 },
  },
  permission_denials: [{ tool_name: 'Bash', tool_use_id: 't1', tool_input: {} }],
  uuid: 'abc',
};

describe('parseStreamLine: recognised lines', () => {
  const cases: { name: string; input: string; expected: ParsedLine }[] = [
    {
      name: 'system init with extra fields',
      input: line({
        cwd: '/repo',
        type: 'system',
        subtype: 'init',
        session_id: SESSION,
        model: 'claude-sonnet-4-5',
        tools: ['Bash'],
        permissionMode: 'default',
        apiKeySource: 'none',
        claude_code_version: '2.1.3',
      }),
      expected: {
        type: 'system_init',
        sessionId: SESSION,
        model: 'claude-sonnet-4-5',
        cwd: '/repo',
        version: '2.1.3',
        raw: expect.anything() as unknown,
      },
    },
    {
      name: 'api_retry (2.1)',
      input: line({ type: 'system', subtype: 'api_retry', attempt: 2, max_retries: 10, retry_delay_ms: 1200, error_status: 529, error: 'overloaded' }),
      expected: { type: 'api_retry', attempt: 2, maxRetries: 10, retryDelayMs: 1200, errorStatus: 529, error: 'overloaded', raw: expect.anything() as unknown },
    },
    {
      name: 'api_retry with a wrongly typed field keeps the rest',
      input: line({ type: 'system', subtype: 'api_retry', attempt: '2', error_status: 429 }),
      expected: { type: 'api_retry', errorStatus: 429, raw: expect.anything() as unknown },
    },
    {
      name: 'rate limit rejected',
      input: line({ type: 'rate_limit_event', rate_limit_info: { status: 'rejected', resetsAt: 1767225600, rateLimitType: 'five_hour', isUsingOverage: false } }),
      expected: { type: 'rate_limit', status: 'rejected', resetsAt: 1767225600, rateLimitType: 'five_hour', raw: expect.anything() as unknown },
    },
    {
      name: 'rate limit warning with utilization',
      input: line({ type: 'rate_limit_event', rate_limit_info: { status: 'allowed_warning', resetsAt: 1767225600, rateLimitType: 'seven_day', utilization: 0.91 } }),
      expected: {
        type: 'rate_limit',
        status: 'allowed_warning',
        resetsAt: 1767225600,
        rateLimitType: 'seven_day',
        utilization: 0.91,
        raw: expect.anything() as unknown,
      },
    },
    {
      name: 'user line with tool results as string and block list',
      input: line({
        type: 'user',
        message: {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'file.txt', is_error: false },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'a' }, { type: 'image', source: {} }, { type: 'text', text: 'b' }], is_error: true },
            { type: 'tool_result', tool_use_id: 'toolu_3' },
          ],
        },
        session_id: SESSION,
      }),
      expected: {
        type: 'user_tool_result',
        results: [
          { toolUseId: 'toolu_1', content: 'file.txt', isError: false },
          { toolUseId: 'toolu_2', content: 'a\n[image]\nb', isError: true },
          { toolUseId: 'toolu_3', content: '', isError: false },
        ],
        raw: expect.anything() as unknown,
      },
    },
  ];

  it.each(cases)('$name', ({ input, expected }) => {
    expect(parseStreamLine(input)).toEqual(expected);
  });

  it('keeps the parsed JSON as raw', () => {
    const parsed = parseStreamLine(line({ type: 'keep_alive' }));
    expect(parsed).toEqual({ type: 'other', rawType: 'keep_alive', raw: { type: 'keep_alive' } });
  });
});

describe('parseStreamLine: assistant lines', () => {
  it('reads one block per line and marks ordinary messages as not synthetic', () => {
    const parsed = parseStreamLine(
      line({
        type: 'assistant',
        message: {
          id: 'msg_1',
          model: 'claude-sonnet-4-5',
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls' } }],
          usage: { input_tokens: 3, output_tokens: 1 },
        },
        parent_tool_use_id: null,
        session_id: SESSION,
      }),
    );
    expect(parsed).toEqual({
      type: 'assistant',
      messageId: 'msg_1',
      model: 'claude-sonnet-4-5',
      sessionId: SESSION,
      blocks: [{ kind: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls' } }],
      isSyntheticError: false,
      raw: expect.anything() as unknown,
    });
  });

  const blockCases: { name: string; content: unknown; blocks: unknown[] }[] = [
    { name: 'text', content: [{ type: 'text', text: 'hi' }], blocks: [{ kind: 'text', text: 'hi' }] },
    { name: 'thinking', content: [{ type: 'thinking', thinking: 'hmm', signature: 'x' }], blocks: [{ kind: 'thinking', text: 'hmm' }] },
    { name: 'unknown block type', content: [{ type: 'server_tool_use', id: 's' }], blocks: [{ kind: 'other', blockType: 'server_tool_use' }] },
    { name: 'text block without text', content: [{ type: 'text' }], blocks: [{ kind: 'other', blockType: 'text' }] },
    { name: 'non-object block', content: [42], blocks: [{ kind: 'other', blockType: 'unknown' }] },
    { name: 'list-shaped block', content: [['text']], blocks: [{ kind: 'other', blockType: 'unknown' }] },
    { name: 'block with a numeric type', content: [{ type: 1, text: 'x' }], blocks: [{ kind: 'other', blockType: 'unknown' }] },
    { name: 'plain string content', content: 'hello', blocks: [{ kind: 'text', text: 'hello' }] },
  ];
  it.each(blockCases)('maps a $name block', ({ content, blocks }) => {
    const parsed = parseStreamLine(line({ type: 'assistant', message: { id: 'm', content } }));
    expect(parsed.type === 'assistant' && parsed.blocks).toEqual(blocks);
  });

  const syntheticCases: { name: string; extra: Record<string, unknown>; model: string; errorKind: string | undefined }[] = [
    { name: '1.0 usage limit (synthetic model only)', extra: {}, model: '<synthetic>', errorKind: undefined },
    { name: '2.0+ usage limit with error field', extra: { error: 'rate_limit' }, model: '<synthetic>', errorKind: 'rate_limit' },
    { name: 'error field on a real model', extra: { error: 'authentication_failed' }, model: 'claude-sonnet-4-5', errorKind: 'authentication_failed' },
  ];
  it.each(syntheticCases)('flags $name as a synthetic error', ({ extra, model, errorKind }) => {
    const parsed = parseStreamLine(
      line({
        type: 'assistant',
        message: { id: 'x', model, content: [{ type: 'text', text: "You've hit your limit · resets 3pm (Europe/Paris)" }] },
        session_id: SESSION,
        ...extra,
      }),
    );
    expect(parsed).toMatchObject({ type: 'assistant', isSyntheticError: true });
    expect(parsed.type === 'assistant' ? parsed.errorKind : 'not assistant').toBe(errorKind);
  });
});

describe('parseStreamLine: result', () => {
  it('sums tokens across modelUsage (sub-agents included) and picks the costliest model', () => {
    const parsed = parseStreamLine(line(successResult));
    expect(parsed.type).toBe('result');
    if (parsed.type !== 'result') return;
    expect(parsed.result).toEqual({
      subtype: 'success',
      isError: false,
      text: 'Done.',
      sessionId: SESSION,
      durationMs: 5321,
      numTurns: 3,
      costUsd: 0.0421,
      tokens: { input: 112, output: 305, cacheRead: 4000, cacheCreation: 700 },
      modelUsage: successResult.modelUsage,
      model: 'claude-sonnet-4-5',
      permissionDenials: 1,
    });
  });

  const cases: { name: string; patch: Record<string, unknown>; expected: Record<string, unknown> }[] = [
    {
      name: 'falls back to usage without modelUsage',
      patch: { modelUsage: undefined },
      expected: { tokens: { input: 10, output: 20, cacheRead: 40, cacheCreation: 30 }, model: undefined },
    },
    {
      name: 'falls back to usage with an empty modelUsage',
      patch: { modelUsage: {} },
      expected: { tokens: { input: 10, output: 20, cacheRead: 40, cacheCreation: 30 } },
    },
    { name: 'zero tokens with neither', patch: { modelUsage: undefined, usage: undefined }, expected: { tokens: { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 } } },
    {
      name: 'cost from modelUsage when total_cost_usd is missing',
      patch: { total_cost_usd: undefined },
      expected: { costUsd: 0.0421 },
    },
    { name: 'null cost with no cost anywhere', patch: { total_cost_usd: undefined, modelUsage: undefined }, expected: { costUsd: null } },
    {
      name: 'ties on cost go to the model with more output',
      patch: {
        modelUsage: {
          a: { inputTokens: 1, outputTokens: 1, cacheReadInputTokens: 0, cacheCreationInputTokens: 0, costUSD: 0 },
          b: { inputTokens: 1, outputTokens: 9, cacheReadInputTokens: 0, cacheCreationInputTokens: 0, costUSD: 0 },
        },
      },
      expected: { model: 'b', tokens: { input: 2, output: 10, cacheRead: 0, cacheCreation: 0 } },
    },
    {
      name: 'API error as success + is_error',
      patch: { is_error: true, result: 'API Error: 529 {"type":"error","error":{"type":"overloaded_error"}}' },
      expected: { subtype: 'success', isError: true, text: 'API Error: 529 {"type":"error","error":{"type":"overloaded_error"}}' },
    },
    {
      name: 'error_during_execution keeps string errors only',
      patch: { subtype: 'error_during_execution', is_error: true, result: undefined, errors: ['No conversation found with session ID: x', 7] },
      expected: { subtype: 'error_during_execution', text: undefined, errors: ['No conversation found with session ID: x'] },
    },
    { name: 'no permission denials', patch: { permission_denials: undefined }, expected: { permissionDenials: 0 } },
  ];
  it.each(cases)('$name', ({ patch, expected }) => {
    const parsed = parseStreamLine(line({ ...successResult, ...patch }));
    expect(parsed.type).toBe('result');
    if (parsed.type !== 'result') return;
    for (const [key, value] of Object.entries(expected)) {
      expect(parsed.result[key as keyof typeof parsed.result], key).toEqual(value);
    }
  });
});

describe('parseStreamLine: unknown and broken lines', () => {
  const others: { input: string; rawType: string }[] = [
    { input: line({ type: 'keep_alive' }), rawType: 'keep_alive' },
    { input: line({ type: 'stream_event', event: { type: 'content_block_delta' } }), rawType: 'stream_event' },
    { input: line({ type: 'system', subtype: 'status', status: 'compacting' }), rawType: 'system/status' },
    { input: line({ type: 'system', subtype: 'permission_denied' }), rawType: 'system/permission_denied' },
    { input: line({ type: 'system' }), rawType: 'system' },
    { input: line({ type: 'system', subtype: 7 }), rawType: 'system' },
    { input: line({ type: 'user', message: { role: 'user', content: 'the prompt' } }), rawType: 'user' },
  ];
  it.each(others)('passes $rawType through as other', ({ input, rawType }) => {
    expect(parseStreamLine(input)).toMatchObject({ type: 'other', rawType });
  });

  const broken: { name: string; input: string; reason: RegExp }[] = [
    { name: 'plain text', input: 'Error: something went wrong', reason: /^not JSON/ },
    { name: 'truncated JSON', input: line(successResult).slice(0, 50), reason: /^not JSON/ },
    { name: 'empty line', input: '   ', reason: /empty/ },
    { name: 'JSON array', input: '[1,2]', reason: /string "type"/ },
    { name: 'JSON null', input: 'null', reason: /string "type"/ },
    { name: 'JSON string', input: '"result"', reason: /string "type"/ },
    { name: 'numeric type', input: line({ type: 3 }), reason: /string "type"/ },
    { name: 'init without session id', input: line({ type: 'system', subtype: 'init', model: 'm' }), reason: /system\/init.*session_id/ },
    { name: 'assistant without message', input: line({ type: 'assistant' }), reason: /assistant.*message/ },
    { name: 'result without is_error', input: line({ type: 'result', subtype: 'success' }), reason: /result.*is_error/ },
    { name: 'rate limit without status', input: line({ type: 'rate_limit_event', rate_limit_info: {} }), reason: /rate_limit_event/ },
    { name: 'user with numeric content', input: line({ type: 'user', message: { content: 5 } }), reason: /user/ },
  ];
  it.each(broken)('reports $name as malformed', ({ input, reason }) => {
    const parsed = parseStreamLine(input);
    expect(parsed.type).toBe('malformed');
    if (parsed.type !== 'malformed') return;
    expect(parsed.text).toBe(input);
    expect(parsed.reason).toMatch(reason);
  });

  it('tolerates a BOM and a trailing carriage return', () => {
    expect(parseStreamLine(`\uFEFF${line({ type: 'keep_alive' })}\r`)).toMatchObject({ type: 'other', rawType: 'keep_alive' });
  });

  it('keeps the reason short for a huge non-JSON line', () => {
    const huge = `x${'y'.repeat(3_000_000)}`;
    const parsed = parseStreamLine(huge);
    expect(parsed.type === 'malformed' && parsed.reason.length).toBeLessThan(260);
  });

  it('parses a 5 MB assistant line', () => {
    const text = 'é'.repeat(2_600_000);
    const parsed = parseStreamLine(line({ type: 'assistant', message: { id: 'big', content: [{ type: 'text', text }] } }));
    expect(parsed.type === 'assistant' && parsed.blocks[0]).toEqual({ kind: 'text', text });
  });
});
