import { describe, expect, it } from 'vitest';
import { emptyDraft } from './job-draft';
import { plainMessage, validateDraft } from './validate-draft';

describe('form messages', () => {
  it.each([
    ['notify.webhookUrl: Invalid URL', 'Enter a web address starting with http:// or https://.'],
    ['maxConcurrentRuns: Too small: expected number to be >=1', 'Use a number of at least 1.'],
    ['priority: Too big: expected number to be <=10', 'Use a number of at most 10.'],
    ['a Claude job needs a prompt (--prompt TEXT) or a library prompt (--prompt-id ID)', 'A Claude job needs a prompt or a library prompt'],
  ])('puts %j in plain words', (raw, plain) => {
    expect(plainMessage(raw)).toBe(plain);
  });

  it('finds every problem of a draft at once', () => {
    const errors = validateDraft({ ...emptyDraft(), name: ' ', prompt: '', timeout: 'banana', priority: '11', kind: 'claude', env: [{ name: '1BAD', value: 'x' }] });
    expect(Object.keys(errors).sort()).toEqual(['name', 'options.env', 'priority', 'prompt', 'timeoutSeconds']);
    expect(validateDraft({ ...emptyDraft(), name: 'ok', prompt: 'p' })).toEqual({});
  });
});
