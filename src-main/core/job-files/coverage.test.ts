import { describe, expect, it } from 'vitest';
import { ExecutionOptionsInput, JobCreateInput, NotifyInput } from '../../../src-shared/schemas';
import { fileFieldOf } from './field-map';
import { ExecutionEntry, JobEntry, NotificationsEntry, RetryEntry } from './file-schema';

/**
 * A field added to jobs later must also be added to the jobs file, or export would silently drop
 * it. These lists are read from the contract's own schemas, so a new field fails here first.
 */
describe('the jobs file covers every field a job has', () => {
  const fileKeys = (schema: { shape: Record<string, unknown> }) => new Set(Object.keys(schema.shape));

  it('every job field has a place in a file entry', () => {
    const entry = fileKeys(JobEntry);
    // Work and scheduling fields map to entry keys; nested groups are checked below.
    for (const field of Object.keys(JobCreateInput.shape)) {
      const [top] = fileFieldOf([field]);
      const place = field === 'retry' ? 'retry' : field === 'options' ? 'execution' : field === 'notify' ? 'notifications' : field === 'afterMode' ? 'after_mode' : top;
      expect(entry.has(String(place)), `job field "${field}" has no place in the jobs file`).toBe(true);
    }
  });

  it('every execution option, notification rule and retry setting has a file field', () => {
    const execution = fileKeys(ExecutionEntry);
    for (const field of Object.keys(ExecutionOptionsInput.shape)) {
      expect(execution.has(String(fileFieldOf(['options', field])[1])), `options.${field} is not in execution:`).toBe(true);
    }
    const notifications = fileKeys(NotificationsEntry);
    for (const field of Object.keys(NotifyInput.shape)) {
      expect(notifications.has(String(fileFieldOf(['notify', field])[1])), `notify.${field} is not in notifications:`).toBe(true);
    }
    const retry = fileKeys(RetryEntry);
    for (const field of ['maxRetries', 'backoff', 'delaySeconds', 'maxDelaySeconds', 'multiplier', 'delaysSeconds', 'jitter']) {
      expect(retry.has(String(fileFieldOf(['retry', field])[1])), `retry.${field} is not in retry:`).toBe(true);
    }
  });
});
