import { describe, expect, it } from 'vitest';
import { makeJob } from '../../test-support/fixtures';
import { DraftError, draftFromJob, draftToInput, emptyDraft } from './job-draft';

describe('job draft → contract input', () => {
  it('sends an inline Claude prompt with its cron schedule and options', () => {
    const input = draftToInput({
      ...emptyDraft(),
      name: 'Nightly review',
      prompt: 'Review the diff',
      cron: ' 0 2 * * * ',
      timezone: 'Asia/Taipei',
      model: 'opus',
      maxTurns: '12',
      permissionMode: 'acceptEdits',
      allowedTools: 'Bash(git *) Edit, Read',
      skipPermissions: true,
      timeout: '1h30m',
      tags: 'nightly, repo-a, ',
    });
    expect(input).toMatchObject({
      name: 'Nightly review',
      kind: 'claude',
      promptId: null,
      prompt: 'Review the diff',
      command: null,
      http: null,
      schedule: { type: 'cron', cron: '0 2 * * *', timezone: 'Asia/Taipei' },
      timeoutSeconds: 5400,
      tags: ['nightly', 'repo-a'],
      options: { model: 'opus', maxTurns: 12, permissionMode: 'acceptEdits', allowedTools: ['Bash(git *)', 'Edit', 'Read'], dangerouslySkipPermissions: true },
    });
  });

  it('uses a library prompt by id, never both', () => {
    const input = draftToInput({ ...emptyDraft(), name: 'x', promptSource: 7, prompt: 'left over' });
    expect(input.promptId).toBe(7);
    expect(input.prompt).toBeNull();
  });

  it('reads HTTP headers and expected statuses, naming the field when they are malformed', () => {
    const base = { ...emptyDraft(), name: 'ping', kind: 'http' as const, url: 'https://example.com', method: 'POST' as const };
    expect(draftToInput({ ...base, headers: 'Content-Type: application/json\nX-Key: a:b', body: '{}', expectStatus: '200, 204' }).http).toEqual({
      url: 'https://example.com',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Key': 'a:b' },
      body: '{}',
      expectStatus: [200, 204],
    });
    expect(() => draftToInput({ ...base, headers: 'no colon here' })).toThrow(DraftError);
    try {
      draftToInput({ ...base, expectStatus: '2000' });
    } catch (e) {
      expect((e as DraftError).field).toBe('http.expectStatus');
    }
  });

  it('turns an interval and a one-time date in the job’s zone into the contract’s form', () => {
    expect(draftToInput({ ...emptyDraft(), name: 'x', scheduleType: 'interval', interval: '15m' }).schedule).toMatchObject({
      type: 'interval',
      everySeconds: 900,
    });
    expect(
      draftToInput({ ...emptyDraft(), name: 'x', scheduleType: 'once', onceAt: '2026-12-01T09:00', timezone: 'Asia/Taipei' }).schedule,
    ).toEqual({ type: 'once', at: '2026-12-01T01:00:00.000Z', timezone: 'Asia/Taipei' });
    expect(() => draftToInput({ ...emptyDraft(), name: 'x', scheduleType: 'interval', interval: 'soon' })).toThrow(/duration/);
  });

  it('round-trips a stored job and keeps options the editor does not show', () => {
    const job = makeJob({
      id: 3,
      options: { env: { FOO: '1' }, fallbackModel: 'haiku', model: 'sonnet', worktree: { enabled: true, keep: 'always' } },
      retry: { maxRetries: 2, backoff: 'linear', delaySeconds: 30, maxDelaySeconds: 600, jitter: 0.2 },
      schedule: { type: 'interval', everySeconds: 5400, timezone: 'Europe/London' },
      tags: ['a', 'b'],
    });
    const draft = draftFromJob(job);
    expect(draft.interval).toBe('1h 30m');
    const input = draftToInput({ ...draft, model: '' }, job);
    expect(input.options).toEqual({ env: { FOO: '1' }, fallbackModel: 'haiku', worktree: { enabled: true, keep: 'always' } });
    expect(input.retry).toEqual({ maxRetries: 2, backoff: 'linear', delaySeconds: 30, maxDelaySeconds: 600, jitter: 0.2 });
    expect(input.schedule).toEqual({ type: 'interval', everySeconds: 5400, timezone: 'Europe/London' });
    expect(input.tags).toEqual(['a', 'b']);
  });
});
