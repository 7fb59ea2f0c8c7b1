import type { Job } from '../../../src-shared/domain';
import { validationError } from '../../../src-shared/errors';
import type { JobCreate, ScheduleIn } from '../../../src-shared/schemas';
import type { NewJobRecord } from '../db/jobs-repo';
import { DEFAULT_NOTIFY, DEFAULT_RETRY } from '../db/jobs-repo';
import { nextFireAfter, ScheduleError, validateSchedule, type Schedule } from '../scheduler/schedule';

/** The machine's zone: the default for jobs created without `--tz`. */
export const machineTimezone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * Turns a schedule as typed (ISO `at`, optional zone) into the scheduler's form, or throws a
 * validation error naming the field. `anchor` is where interval counting starts.
 */
export function toSchedule(s: ScheduleIn, now: number, anchor: number): Schedule {
  const timezone = s.timezone ?? machineTimezone();
  try {
    switch (s.type) {
      case 'cron':
        if (!s.cron) throw new ScheduleError('cron', 'A cron schedule needs a cron expression, e.g. "0 9 * * *"');
        return { type: 'cron', cron: s.cron, timezone };
      case 'interval':
        if (s.everySeconds === undefined) throw new ScheduleError('everySeconds', 'An interval schedule needs a duration, e.g. 15m');
        return { type: 'interval', everySeconds: s.everySeconds, timezone, anchor };
      case 'once':
        if (!s.at) throw new ScheduleError('at', 'A one-time schedule needs a date and time');
        return { type: 'once', at: Date.parse(s.at), timezone };
      case 'manual':
        return { type: 'manual', timezone };
    }
  } catch (err) {
    throw scheduleToValidation(err);
  }
  void now;
}

export function scheduleToValidation(err: unknown): unknown {
  if (err instanceof ScheduleError) return validationError(`schedule.${err.field}`, err.message);
  return err;
}

export function checkSchedule(schedule: Schedule, now: number): void {
  try {
    validateSchedule(schedule, now);
  } catch (err) {
    throw scheduleToValidation(err);
  }
}

/** The scheduler form of a stored job. */
export function scheduleOfRecord(j: Pick<NewJobRecord, 'scheduleType' | 'cron' | 'everySeconds' | 'runAt' | 'timezone'>): Schedule {
  switch (j.scheduleType) {
    case 'cron':
      return { type: 'cron', cron: j.cron ?? '', timezone: j.timezone };
    case 'interval':
      return { type: 'interval', everySeconds: j.everySeconds ?? 60, timezone: j.timezone, anchor: j.runAt ?? 0 };
    case 'once':
      return { type: 'once', at: j.runAt ?? 0, timezone: j.timezone };
    case 'manual':
      return { type: 'manual', timezone: j.timezone };
  }
}

/** Checks that the job's kind has the work it needs, naming the missing field. */
function checkWork(input: JobCreate): void {
  if (input.kind === 'claude') {
    const hasPrompt = input.promptId !== undefined && input.promptId !== null;
    const hasInline = typeof input.prompt === 'string' && input.prompt.length > 0;
    if (!hasPrompt && !hasInline) throw validationError('prompt', 'A Claude job needs a prompt: give --prompt TEXT or --prompt-id ID');
    if (hasPrompt && hasInline) throw validationError('prompt', 'Give either a prompt id or an inline prompt, not both');
  }
  if (input.kind === 'shell' && !input.command) throw validationError('command', 'A shell job needs a command');
  if (input.kind === 'http' && !input.http) throw validationError('http.url', 'An HTTP job needs a URL');
  if (input.options?.resumeSessionId && input.options.continueSession) {
    throw validationError('options.continueSession', 'Choose either resuming a session or continuing the latest one, not both');
  }
}

/**
 * Builds the record to store from validated input. `previous` is the stored job on update: its
 * scheduling bookkeeping is kept unless the schedule changed (then old slots are not caught up).
 */
export function buildJobRecord(input: JobCreate, now: number, previous?: NewJobRecord, opts: { allowPastOnce?: boolean } = {}): NewJobRecord {
  checkWork(input);
  const scheduleChanged =
    !previous ||
    previous.scheduleType !== input.schedule.type ||
    (previous.cron ?? undefined) !== input.schedule.cron ||
    (previous.everySeconds ?? undefined) !== input.schedule.everySeconds ||
    (input.schedule.type === 'once' && previous.runAt !== Date.parse(input.schedule.at ?? '')) ||
    previous.timezone !== (input.schedule.timezone ?? machineTimezone());
  const anchor = !scheduleChanged && previous?.scheduleType === 'interval' ? (previous.runAt ?? now) : now;
  const schedule = toSchedule(input.schedule, now, anchor);
  // An imported one-time job whose date has passed is kept as it was (it simply never fires again).
  if (scheduleChanged) checkSchedule(schedule, opts.allowPastOnce && schedule.type === 'once' ? Math.min(now, schedule.at - 1) : now);
  const enabled = input.enabled ?? true;
  const wasEnabled = previous?.enabled ?? false;
  // Slots before now are not caught up for a new job, a changed schedule or a job just re-enabled.
  const lastScheduledAt = scheduleChanged || !wasEnabled || !previous ? now : previous.lastScheduledAt;
  const next = enabled ? nextFireAfter(schedule, Math.max(now, lastScheduledAt ?? now)) : null;
  return {
    name: input.name,
    kind: input.kind,
    promptId: input.kind === 'claude' ? (input.promptId ?? null) : null,
    payload:
      input.kind === 'claude'
        ? input.prompt
          ? { prompt: input.prompt }
          : {}
        : input.kind === 'shell'
          ? { command: input.command! }
          : { http: { ...input.http!, expectStatus: input.http!.expectStatus ?? [] } },
    scheduleType: schedule.type,
    cron: schedule.type === 'cron' ? schedule.cron.trim() : null,
    everySeconds: schedule.type === 'interval' ? schedule.everySeconds : null,
    runAt: schedule.type === 'once' ? schedule.at : schedule.type === 'interval' ? schedule.anchor : null,
    timezone: schedule.timezone,
    enabled,
    priority: input.priority ?? 5,
    overlap: input.overlap ?? 'skip',
    catchUp: input.catchUp ?? 'run_once',
    timeoutMs: input.timeoutSeconds === undefined || input.timeoutSeconds === null ? null : Math.round(input.timeoutSeconds * 1000),
    retry: { ...DEFAULT_RETRY, ...(input.retry ?? {}) },
    options: input.options ?? {},
    notify: { ...DEFAULT_NOTIFY, ...(input.notify ?? {}) },
    tags: [...new Set(input.tags ?? [])],
    nextRunAt: next,
    lastScheduledAt,
  };
}

/** A stored job back in input form, so an update can be validated as a whole job. */
export function jobToInput(job: Job): JobCreate {
  const schedule: ScheduleIn = { type: job.schedule.type, timezone: job.schedule.timezone };
  if (job.schedule.cron !== undefined) schedule.cron = job.schedule.cron;
  if (job.schedule.everySeconds !== undefined) schedule.everySeconds = job.schedule.everySeconds;
  if (job.schedule.at !== undefined) schedule.at = job.schedule.at;
  return {
    name: job.name,
    kind: job.kind,
    promptId: job.promptId,
    prompt: job.prompt,
    command: job.command,
    http: job.http,
    schedule,
    enabled: job.enabled,
    priority: job.priority,
    overlap: job.overlap,
    catchUp: job.catchUp,
    timeoutSeconds: job.timeoutSeconds,
    retry: job.retry,
    options: job.options,
    notify: job.notify,
    tags: job.tags,
  };
}
