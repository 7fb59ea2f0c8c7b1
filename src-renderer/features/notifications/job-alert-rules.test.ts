import { describe, expect, it } from 'vitest';
import { draftToInput, emptyDraft, draftFromJob } from '../job-editor/job-draft';
import { makeJob } from '../../test-support/fixtures';

describe("a job's alert rules in the editor", () => {
  it('keeps the channels, the threshold and the alerts switch through an edit', () => {
    const job = makeJob({ id: 4, kind: 'shell', command: 'true', notify: { onFailure: true, onSuccess: false, webhookUrl: 'https://hooks.example.com/x', onAlert: false, channels: [2, 5], failureThreshold: 4 } });
    const input = draftToInput(draftFromJob(job), job);
    expect(input.notify).toEqual({ onFailure: true, onSuccess: false, webhookUrl: 'https://hooks.example.com/x', onAlert: false, channels: [2, 5], failureThreshold: 4 });
  });

  it('leaves threshold and channels out when unset, and names the field of a bad threshold', () => {
    const draft = { ...emptyDraft(), name: 'n', kind: 'shell' as const, command: 'true' };
    expect(draftToInput(draft).notify).toEqual({ onFailure: true, onSuccess: false, onAlert: true });
    expect(() => draftToInput({ ...draft, alertAfter: 'three' })).toThrow(/Failures before an alert must be a whole number/);
  });
});
