import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src-shared/domain';
import { eventText } from './event-lines';

const ev = (kind: RunEvent['kind'], payload: unknown): RunEvent => ({ runId: 1, seq: 1, ts: '2026-03-10T06:00:00.000Z', kind, payload });

describe('eventText: log lines that tell the truth', () => {
  it.each([
    {
      name: 'an API error reported as subtype success with is_error is an error, not a success',
      event: ev('result', { type: 'result', subtype: 'success', is_error: true, result: 'API Error: 529 overloaded', total_cost_usd: 0 }),
      text: '[result] error ($0.0000): API Error: 529 overloaded',
    },
    {
      name: 'a usage limit result',
      event: ev('result', { type: 'result', subtype: 'success', is_error: true, result: "You've hit your limit · resets 3pm (UTC)" }),
      text: "[result] error: You've hit your limit · resets 3pm (UTC)",
    },
    {
      name: 'an unknown session: the errors list',
      event: ev('result', { type: 'result', subtype: 'error_during_execution', is_error: true, errors: ['No conversation found with session ID: abc'] }),
      text: '[result] error: No conversation found with session ID: abc',
    },
    {
      name: '2.1 max turns (is_error true, no text)',
      event: ev('result', { type: 'result', subtype: 'error_max_turns', is_error: true }),
      text: '[result] error: error_max_turns',
    },
    { name: 'a success', event: ev('result', { type: 'result', subtype: 'success', is_error: false, result: 'Done', total_cost_usd: 0.0123 }), text: '[result] success ($0.0123): Done' },
    {
      name: 'a Bash call shows its command',
      event: ev('tool_use', { type: 'assistant', message: { content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'git log --oneline -5', description: 'Recent commits' } }] } }),
      text: '[tool_use] Bash: git log --oneline -5',
    },
    {
      name: 'a Read call shows its file',
      event: ev('tool_use', { type: 'assistant', message: { content: [{ type: 'tool_use', id: 't2', name: 'Read', input: { file_path: '/repo/README.md' } }] } }),
      text: '[tool_use] Read: /repo/README.md',
    },
    {
      name: 'a Grep call shows its pattern and where',
      event: ev('tool_use', { type: 'assistant', message: { content: [{ type: 'tool_use', id: 't3', name: 'Grep', input: { pattern: 'TODO', path: 'src' } }] } }),
      text: '[tool_use] Grep: TODO in src',
    },
    {
      name: 'an api_retry line: attempt/max, delay and status',
      event: ev('system', { type: 'system', subtype: 'api_retry', attempt: 3, max_retries: 10, retry_delay_ms: 2000, error_status: 429, error: 'rate_limit' }),
      text: '[retry] API attempt 3/10, in 2.0 s, after 429 rate_limit',
    },
    {
      name: 'a deferral says until when and why',
      event: ev('system', { type: 'deferred_cooldown', message: "You've hit your limit · resets 3pm (UTC)", resetsAt: '2026-03-10T15:01:00.000Z' }),
      text: "[cooldown] deferred until 2026-03-10T15:01:00.000Z: You've hit your limit · resets 3pm (UTC)",
    },
  ])('$name', ({ event, text }) => {
    expect(eventText(event)).toBe(text);
  });
});
