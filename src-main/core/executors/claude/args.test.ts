import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/errors';
import { buildClaudeArgs, buildClaudeEnv, MAX_ARGV_PROMPT_BYTES, type ClaudeOptions } from './args';

const BASE = ['--output-format', 'stream-json', '--verbose'];
const UUID = '3b241101-e2bb-4255-8caf-4136c566a962';

describe('buildClaudeArgs', () => {
  const cases: { name: string; prompt?: string; opts: ClaudeOptions; args: string[]; stdin: string | null }[] = [
    { name: 'defaults to the prompt on stdin', opts: {}, args: ['-p', ...BASE], stdin: 'Fix the tests' },
    { name: 'stdin when asked', opts: { promptVia: 'stdin' }, args: ['-p', ...BASE], stdin: 'Fix the tests' },
    { name: 'argv puts the prompt right after -p', opts: { promptVia: 'argv' }, args: ['-p', 'Fix the tests', ...BASE], stdin: null },
    {
      name: 'argv keeps the prompt ahead of variadic options',
      opts: { promptVia: 'argv', allowedTools: ['Read'], addDirs: ['/a'] },
      args: ['-p', 'Fix the tests', ...BASE, '--allowedTools', 'Read', '--add-dir', '/a'],
      stdin: null,
    },
    {
      name: 'a prompt starting with a dash goes on stdin even when argv is asked',
      prompt: '--help me refactor',
      opts: { promptVia: 'argv' },
      args: ['-p', ...BASE],
      stdin: '--help me refactor',
    },
    {
      name: 'a single dash prompt on stdin',
      prompt: '- list the TODOs',
      opts: {},
      args: ['-p', ...BASE],
      stdin: '- list the TODOs',
    },
    {
      name: 'model, fallback, turns and budget',
      opts: { model: 'opus', fallbackModel: 'sonnet', maxTurns: 12, maxBudgetUsd: 2.5 },
      args: ['-p', ...BASE, '--model', 'opus', '--fallback-model', 'sonnet', '--max-turns', '12', '--max-budget-usd', '2.5'],
      stdin: 'Fix the tests',
    },
    {
      name: 'permissions',
      opts: { permissionMode: 'acceptEdits', dangerouslySkipPermissions: true },
      args: ['-p', ...BASE, '--permission-mode', 'acceptEdits', '--dangerously-skip-permissions'],
      stdin: 'Fix the tests',
    },
    {
      name: 'tool lists are one element each, entries with spaces intact',
      opts: { allowedTools: ['Bash(git *)', ' Edit ', ''], disallowedTools: ['Bash(rm -rf *)', 'WebFetch'] },
      args: ['-p', ...BASE, '--allowedTools', 'Bash(git *) Edit', '--disallowedTools', 'Bash(rm -rf *) WebFetch'],
      stdin: 'Fix the tests',
    },
    { name: 'empty tool lists are left out', opts: { allowedTools: [], disallowedTools: ['  '] }, args: ['-p', ...BASE], stdin: 'Fix the tests' },
    {
      name: 'system prompt, directories, MCP and settings',
      opts: { appendSystemPrompt: '- be terse', addDirs: ['/srv/my docs', '-odd'], mcpConfig: '/etc/mcp.json', settings: '{"a":1}' },
      args: [
        '-p',
        ...BASE,
        '--append-system-prompt',
        '- be terse',
        '--add-dir',
        '/srv/my docs',
        '--add-dir',
        '-odd',
        '--mcp-config',
        '/etc/mcp.json',
        '--settings',
        '{"a":1}',
      ],
      stdin: 'Fix the tests',
    },
    { name: 'resume', opts: { resumeSessionId: UUID }, args: ['-p', ...BASE, '--resume', UUID], stdin: 'Fix the tests' },
    { name: 'continue', opts: { continueSession: true }, args: ['-p', ...BASE, '--continue'], stdin: 'Fix the tests' },
    { name: 'continue false adds nothing', opts: { continueSession: false, resumeSessionId: UUID }, args: ['-p', ...BASE, '--resume', UUID], stdin: 'Fix the tests' },
    { name: 'session id', opts: { sessionId: UUID }, args: ['-p', ...BASE, '--session-id', UUID], stdin: 'Fix the tests' },
  ];
  it.each(cases)('$name', ({ prompt, opts, args, stdin }) => {
    expect(buildClaudeArgs(prompt ?? 'Fix the tests', opts)).toEqual({ args, stdin });
  });

  it('passes a prompt with quotes, newlines and unicode as one untouched argv element', () => {
    const prompt = 'Say "hi" \'there\'\n$(rm -rf /) ; `x` · 😀';
    expect(buildClaudeArgs(prompt, { promptVia: 'argv' }).args[1]).toBe(prompt);
  });

  it('moves a prompt too large for one argv element to stdin', () => {
    const prompt = 'x'.repeat(MAX_ARGV_PROMPT_BYTES + 1);
    expect(buildClaudeArgs(prompt, { promptVia: 'argv' })).toEqual({ args: ['-p', ...BASE], stdin: prompt });
    expect(buildClaudeArgs(prompt.slice(1), { promptVia: 'argv' }).stdin).toBeNull();
  });

  const invalid: { name: string; prompt?: string; opts: ClaudeOptions; message: RegExp; field: string }[] = [
    { name: 'resume with continue', opts: { resumeSessionId: UUID, continueSession: true }, message: /either .*resume.* or .*continue/i, field: 'claude.continueSession' },
    { name: 'an empty prompt', prompt: '  \n', opts: {}, message: /prompt is empty/, field: 'prompt' },
    { name: 'fractional max turns', opts: { maxTurns: 1.5 }, message: /maxTurns/, field: 'claude.maxTurns' },
    { name: 'zero budget', opts: { maxBudgetUsd: 0 }, message: /maxBudgetUsd/, field: 'claude.maxBudgetUsd' },
    { name: 'a session id that is not a UUID', opts: { sessionId: 'abc' }, message: /sessionId/, field: 'claude.sessionId' },
    { name: 'an unknown permission mode', opts: { permissionMode: 'yolo' as ClaudeOptions['permissionMode'] }, message: /permissionMode/, field: 'claude.permissionMode' },
  ];
  it.each(invalid)('rejects $name with a clear error', ({ prompt, opts, message, field }) => {
    let thrown: unknown;
    try {
      buildClaudeArgs(prompt ?? 'Fix the tests', opts);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'VALIDATION', field });
    expect((thrown as Error).message).toMatch(message);
  });
});

describe('buildClaudeEnv', () => {
  const cases: { name: string; base: NodeJS.ProcessEnv; job: Record<string, string>; expected: Record<string, string> }[] = [
    {
      name: 'drops nesting markers and undefined values, disables the updater',
      base: { PATH: '/bin', CLAUDECODE: '1', CLAUDE_CODE_ENTRYPOINT: 'cli', EMPTY: undefined },
      job: {},
      expected: { PATH: '/bin', DISABLE_AUTOUPDATER: '1' },
    },
    {
      name: 'keeps an updater setting already present',
      base: { DISABLE_AUTOUPDATER: '0' },
      job: {},
      expected: { DISABLE_AUTOUPDATER: '0' },
    },
    {
      name: 'job variables win',
      base: { PATH: '/bin', ANTHROPIC_BASE_URL: 'http://a' },
      job: { ANTHROPIC_BASE_URL: 'http://b', DISABLE_AUTOUPDATER: '0', TZ: 'Asia/Tokyo' },
      expected: { PATH: '/bin', ANTHROPIC_BASE_URL: 'http://b', DISABLE_AUTOUPDATER: '0', TZ: 'Asia/Tokyo' },
    },
    {
      name: 'a job cannot reintroduce CLAUDECODE',
      base: {},
      job: { CLAUDECODE: '1' },
      expected: { DISABLE_AUTOUPDATER: '1' },
    },
  ];
  it.each(cases)('$name', ({ base, job, expected }) => {
    expect(buildClaudeEnv(base, job)).toEqual(expected);
  });

  it('does not modify the environment it was given', () => {
    const base = { CLAUDECODE: '1' };
    buildClaudeEnv(base, {});
    expect(base).toEqual({ CLAUDECODE: '1' });
  });
});
