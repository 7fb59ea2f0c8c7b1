import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src-shared/domain';
import { i18n } from '../../i18n';
import { buildLog, filterRows, rowsOfEvent, systemText, type LogRow } from './log-rows';

let seq = 0;
const ev = (kind: RunEvent['kind'], payload: unknown): RunEvent => ({ runId: 1, seq: ++seq, ts: '2026-03-02T01:00:00.000Z', kind, payload });

describe('live log rows', () => {
  it('reads stdout and stderr text from their { text } payload (or a bare string)', () => {
    expect(rowsOfEvent(ev('stdout', { text: 'hello' }))[0]).toMatchObject({ type: 'stdout', text: 'hello' });
    expect(rowsOfEvent(ev('stderr', 'oops'))[0]).toMatchObject({ type: 'stderr', text: 'oops' });
  });

  it('splits an assistant line into its text and tool-call blocks', () => {
    const rows = rowsOfEvent(
      ev('assistant', {
        type: 'assistant',
        message: { content: [{ type: 'text', text: '**Done**' }, { type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'ls' } }] },
      }),
    );
    expect(rows.map((r) => r.type)).toEqual(['assistant', 'tool']);
    expect(rows[1]).toMatchObject({ name: 'Bash', toolUseId: 't1', input: { command: 'ls' } });
  });

  it('shows a tool result inside its tool call instead of as a row of its own', () => {
    const events = [
      ev('tool_use', { type: 'assistant', message: { content: [{ type: 'tool_use', id: 't9', name: 'Read', input: { file: 'a' } }] } }),
      ev('tool_result', {
        type: 'user',
        message: { content: [{ type: 'tool_result', tool_use_id: 't9', content: [{ type: 'text', text: 'file body' }], is_error: false }] },
      }),
      ev('tool_result', { type: 'user', message: { content: [{ type: 'tool_result', tool_use_id: 'unknown', content: 'orphan', is_error: true }] } }),
    ];
    const log = buildLog(events);
    expect(log.rows.map((r) => r.type)).toEqual(['tool', 'tool-result']);
    expect(log.results.get('t9')).toEqual({ content: 'file body', isError: false });
  });

  it('summarises the result line with cost, turns and error state', () => {
    const [row] = rowsOfEvent(
      ev('result', { type: 'result', subtype: 'success', is_error: false, result: 'All good', total_cost_usd: 0.0123, num_turns: 2, duration_ms: 5300 }),
    );
    expect(row).toMatchObject({ type: 'result', isError: false, text: 'All good', costUsd: 0.0123, turns: 2, durationMs: 5300 });
  });

  it('names system lines it knows and keeps unknown shapes as JSON', () => {
    expect(rowsOfEvent(ev('system', { type: 'truncated', message: 'Log capped at 50000 events' }))[0]).toMatchObject({
      type: 'system',
      label: 'truncated',
      text: 'Log capped at 50000 events',
    });
    expect(rowsOfEvent(ev('system', { type: 'http_response', status: 204 }))[0]).toMatchObject({ type: 'system', text: 'HTTP 204' });
    expect(rowsOfEvent(ev('system', { type: 'system', subtype: 'init', model: 'sonnet', cwd: '/tmp' }))[0]).toMatchObject({
      label: 'init',
      text: 'Claude started: model sonnet, in /tmp',
    });
    const odd = rowsOfEvent(ev('system', { type: 'keep_alive' }))[0];
    expect(odd).toMatchObject({ type: 'json', label: 'keep_alive' });
    expect(rowsOfEvent(ev('assistant', 42))[0]).toMatchObject({ type: 'json', json: '42' });
  });

  it('filters rows by search text, including tool input and result', () => {
    const log = buildLog([
      ev('stdout', { text: 'Compiling project' }),
      ev('stderr', { text: 'warning: unused variable' }),
      ev('tool_use', { type: 'assistant', message: { content: [{ type: 'tool_use', id: 'x', name: 'Grep', input: { pattern: 'TODO' } }] } }),
      ev('tool_result', { type: 'user', message: { content: [{ type: 'tool_result', tool_use_id: 'x', content: 'found NEEDLE here' }] } }),
    ]);
    expect(filterRows(log, 'WARNING').map((r) => r.type)).toEqual(['stderr']);
    expect(filterRows(log, 'todo').map((r) => r.type)).toEqual(['tool']);
    expect(filterRows(log, 'needle').map((r) => r.type)).toEqual(['tool']);
    expect(filterRows(log, '  ')).toHaveLength(3);
  });

  it('reads each event once, so rebuilding a 100,000-line log per live batch stays cheap', () => {
    const events = Array.from({ length: 100_000 }, (_, i) => ev(i % 10 === 0 ? 'stderr' : 'stdout', { text: `line ${i}` }));
    const log = buildLog(events);
    const again = buildLog(events.concat(ev('stdout', { text: 'one more' })));
    expect(log.rows).toHaveLength(100_000);
    expect(again.rows).toHaveLength(100_001);
    // The same row objects: nothing was parsed twice, and their search text stays cached.
    expect(again.rows[0]).toBe(log.rows[0]);
    expect(again.rows[99_999]).toBe(log.rows[99_999]);
  });

  it('a usage-limit run reads as what happened: an error result, then the deferral in words (no raw JSON)', () => {
    // Claude 2.x ends a limited run with subtype "success" and is_error true.
    const result = rowsOfEvent(ev('result', { type: 'result', subtype: 'success', is_error: true, num_turns: 1, result: "You've hit your limit · resets 3pm (UTC)" }))[0];
    expect(result).toMatchObject({ type: 'result', isError: true, subtype: 'error', text: "You've hit your limit · resets 3pm (UTC)" });
    const deferral = rowsOfEvent(ev('system', { type: 'deferred_cooldown', message: "You've hit your limit · resets 3pm (UTC)", resetsAt: '2026-03-02T15:01:00.000Z' }))[0];
    expect(deferral).toMatchObject({ type: 'system', label: 'deferred' });
    expect((deferral as { text: string }).text).toMatch(/^Deferred until the usage limit resets \(.+\): You've hit your limit · resets 3pm \(UTC\)$/);
  });

  it('words the engine’s notes in the UI language from their numbers, and keeps the stored English sentence in English', async () => {
    const message = '50,000 lines (439 KB) dropped here: the run printed more than its 64.0 MB output cap, so only its head and tail are kept';
    const row = rowsOfEvent(ev('system', { type: 'truncated', message, droppedLines: 50_000, droppedBytes: 450_000, maxBytes: 64 * 1024 * 1024 }))[0] as Extract<LogRow, { type: 'system' }>;
    const old = rowsOfEvent(ev('system', { type: 'truncated', message: 'stored before the numbers were kept' }))[0] as Extract<LogRow, { type: 'system' }>;
    const log = buildLog([ev('system', { type: 'truncating', message: 'The output passed the first 512 bytes kept of this run; …', maxBytes: 1024 })]);
    expect(systemText(row)).toBe(message);
    try {
      await i18n.changeLanguage('zh-TW');
      expect(systemText(row)).toBe('此處省略了 50,000 行（439 KB）：這次執行的輸出超過 64.0 MB 上限，只保留開頭與結尾');
      expect(systemText(old)).toBe('stored before the numbers were kept');
      // Search looks in what is shown.
      expect(filterRows(log, '512 位元組')).toHaveLength(1);
      await i18n.changeLanguage('zh-CN');
      expect(filterRows(log, '512 字节')).toHaveLength(1);
      expect(filterRows(log, '512 位元組')).toHaveLength(0);
    } finally {
      await i18n.changeLanguage('en');
    }
    expect(filterRows(log, '512 bytes')).toHaveLength(1);
  });
});
