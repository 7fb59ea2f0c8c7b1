import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MASK, redactDeep } from '../redaction/redact';
import { formatBytes } from '../executors/output/drop-marker';
import { jsonLineMayNeedMasking, RawLogWriter } from './writer';

const line = (value: unknown) => JSON.stringify(value);

/** Stream-json lines whose parsed form has something to mask, in every shape redaction knows. */
const SECRET_LINES: string[] = [
  line({ type: 'user', message: { content: [{ type: 'tool_result', content: 'fetched https://api.example.com/x?access_token=abc123' }] } }),
  line({ type: 'user', message: { content: 'see https://bob:hunter2@example.com/' } }),
  line({ type: 'assistant', message: { content: [{ type: 'text', text: 'Authorization: Bearer abcdefgh12345' }] } }),
  line({ type: 'assistant', message: { content: [{ type: 'text', text: 'curl -H "authorization: xyz"' }] } }),
  line({ type: 'assistant', message: { content: [{ type: 'text', text: 'use Token abcdefgh12345678' }] } }),
  line({ type: 'assistant', message: { content: [{ type: 'text', text: 'Basic dXNlcjpwYXNzd29yZA==' }] } }),
  line({ type: 'assistant', message: { content: [{ type: 'tool_use', id: 't', name: 'Bash', input: { command: 'export DB_PASSWORD=s3cret' } }] } }),
  line({ type: 'assistant', message: { content: [{ type: 'tool_use', id: 't', name: 'Bash', input: { command: 'run session=abc' } }] } }),
  line({ type: 'system', subtype: 'init', session_id: 's', api_key: 'sk-live-1' }),
  line({ type: 'system', subtype: 'init', session_id: 's', env: { token: 'abc' } }),
  line({ type: 'system', subtype: 'init', session_id: 's', headers: { 'X-Api-Key': 'abc', Cookie: 'c=1' } }),
  line({ type: 'other', webhookUrl: 'x', smtp_password: 'p' }),
  line({ type: 'other', nested: [{ refresh_token: 'r' }] }),
  // Capitals throughout: the words are looked for in any case.
  line({ type: 'system', subtype: 'init', session_id: 's', env: { TOKEN: 'abc', PASSWORD: 'p' } }),
  line({ type: 'assistant', message: { content: [{ type: 'text', text: 'AUTHORIZATION: BEARER abcdefgh12345' }] } }),
  // Escapes that spell a URL, an `=` or a key only once parsed.
  '{"type":"user","message":{"content":"https:\\/\\/u:p@example.com\\/"}}',
  '{"type":"user","message":{"content":"pass\\u0077ord\\u003dabc"}}',
  '{"type":"other","\\u0074oken":"abc"}',
  // A tool result that shows a JSON file: the secret pair is escaped inside the line's text.
  line({ type: 'user', message: { content: [{ type: 'tool_result', content: '{"token":"ghp_abc123","user":"ann"}' }] } }),
  line({ type: 'user', message: { content: [{ type: 'tool_result', content: '{"id_token": "eyJx.y.z"}' }] } }),
];

/** Ordinary lines: nothing in them is a credential, including token counts and session ids. */
const CLEAN_LINES: string[] = [
  line({
    type: 'assistant',
    message: {
      id: 'msg_1',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'line 42' }],
      usage: { input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 14000, output_tokens: 5 },
    },
    session_id: '5f0c7a52-3c55-4b1e-9d52-7a0a4f8f2c11',
  }),
  line({ type: 'result', subtype: 'success', is_error: false, result: 'Done. Usage is counted; nothing hidden here.', total_cost_usd: 0.01, modelUsage: { m: { inputTokens: 1, outputTokens: 2 } } }),
  line({ type: 'rate_limit_event', rate_limit_info: { status: 'allowed', resetsAt: 1700000000, rateLimitType: 'five_hour' } }),
];

describe('the full log masks a stream-json line only when it may hold a secret', () => {
  it.each(SECRET_LINES)('takes the masking path for %s', (text) => {
    const parsed: unknown = JSON.parse(text);
    // Each case really has something to mask: the check must not let it through unmasked.
    expect(redactDeep(parsed)).not.toBe(parsed);
    expect(jsonLineMayNeedMasking(text)).toBe(true);
  });

  it.each(CLEAN_LINES)('writes %s as it came', (text) => {
    const parsed: unknown = JSON.parse(text);
    expect(redactDeep(parsed)).toBe(parsed);
    expect(jsonLineMayNeedMasking(text)).toBe(false);
  });

  let dir: string | null = null;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('stores clean lines byte for byte and secret ones masked', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-rawlog-'));
    const file = path.join(dir, '1.log');
    const writer = RawLogWriter.open(file, 1024 * 1024)!;
    const secret = SECRET_LINES[8]!;
    for (const text of [...CLEAN_LINES, secret]) writer.jsonLine(text, JSON.parse(text));
    writer.close();
    const written = fs.readFileSync(file, 'utf8').split('\n').slice(0, -1);
    expect(written.slice(0, CLEAN_LINES.length)).toEqual(CLEAN_LINES);
    expect(written.at(-1)).not.toContain('sk-live-1');
    expect(JSON.parse(written.at(-1)!)).toMatchObject({ api_key: MASK });
  });
});

describe('the scheme-token check', () => {
  it('sees a token scheme behind an escaped newline, not inside a word', () => {
    const escaped = line({ type: 'assistant', message: { content: [{ type: 'text', text: 'header:\nToken abcdefgh12345678' }] } });
    expect(redactDeep(JSON.parse(escaped))).not.toEqual(JSON.parse(escaped));
    expect(jsonLineMayNeedMasking(escaped)).toBe(true);
    expect(jsonLineMayNeedMasking(line({ modelUsage: { m: { inputTokens: 1, outputTokens: 2 } } }))).toBe(false);
  });
});

describe('the full log file', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const open = (maxBytes: number) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-rawlog-'));
    const file = path.join(dir, '1.log');
    return { file, writer: RawLogWriter.open(file, maxBytes)! };
  };

  it('keeps every line whole and in order, whatever its characters or its length', () => {
    const { file, writer } = open(1024 ** 3);
    // Multi-byte text between long runs of ASCII, lines longer than one write, and empty lines.
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(i % 7 === 0 ? `第 ${i} 行：夜间任务完成 ✅🌙` : `line ${i} ${'x'.repeat(i % 300)}`);
    lines.splice(1200, 0, 'a'.repeat(300_000), '', '夜'.repeat(60_000), '🌙'.repeat(30_000));
    for (const text of lines) writer.line(text);
    const outcome = writer.close();
    const expected = `${lines.join('\n')}\n`;
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
    expect(outcome).toEqual({ bytes: Buffer.byteLength(expected), complete: true });
  });

  it('stops at its cap on a line boundary, counting bytes rather than characters', () => {
    const { file, writer } = open(100);
    // Ten lines of 3 three-byte characters and a newline fill the 100 bytes exactly.
    for (let i = 0; i < 10; i++) writer.line('夜夜夜');
    // Too long to gather: it goes past the cap on its own path, and is counted in bytes there too.
    writer.line('夜'.repeat(200_000));
    writer.line('夜'.repeat(100_000));
    const outcome = writer.close();
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith(`${'夜夜夜\n'.repeat(10)}[cnp] The full log stops here`)).toBe(true);
    expect(text).toContain(`2 more lines (${formatBytes(600_001 + 300_001)})`);
    expect(outcome).toEqual({ bytes: Buffer.byteLength(text), complete: false });
  });

  it('drops a short line that would pass the cap, though the gathered chunk has room for it', () => {
    const { file, writer } = open(100);
    for (let i = 0; i < 9; i++) writer.line('夜夜夜');
    writer.line('夜夜夜夜');
    writer.line('ok');
    const outcome = writer.close();
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith(`${'夜夜夜\n'.repeat(9)}[cnp] The full log stops here`)).toBe(true);
    expect(text).toContain(`2 more lines (${formatBytes(13 + 3)})`);
    expect(outcome.complete).toBe(false);
  });
});
