import type { CallInput, SchedulePreview } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import {
  describeSchedule,
  nextFireTimes,
  ScheduleError,
  validateCron,
  validateTimezone,
  type Schedule,
} from '../../src-main/core/scheduler/schedule';
import { fakeApi, type FakeApi } from './fake-api';

/**
 * jobs.previewSchedule computed with the real scheduler maths from a fixed instant, so fire
 * times in tests are known in advance; errors come back as the contract's VALIDATION errors.
 */
export function previewFrom(from: number) {
  return (input: CallInput<'jobs.previewSchedule'>): SchedulePreview => {
    const { schedule } = input;
    const timezone = schedule.timezone ?? 'UTC';
    try {
      validateTimezone(timezone);
      let s: Schedule;
      if (schedule.type === 'cron') {
        if (!schedule.cron) throw new ScheduleError('cron', 'A cron schedule needs a cron expression, e.g. "0 9 * * *"');
        validateCron(schedule.cron, timezone, from);
        s = { type: 'cron', cron: schedule.cron, timezone };
      } else if (schedule.type === 'interval') {
        s = { type: 'interval', everySeconds: schedule.everySeconds ?? 60, timezone, anchor: from };
      } else if (schedule.type === 'once') {
        s = { type: 'once', at: Date.parse(schedule.at ?? ''), timezone };
      } else {
        s = { type: 'manual', timezone };
      }
      return {
        description: describeSchedule(s),
        nextRuns: nextFireTimes(s, from, input.count ?? 5).map((t) => new Date(t).toISOString()),
        timezone,
      };
    } catch (error) {
      if (error instanceof ScheduleError) throw new AppError('VALIDATION', error.message, { field: `schedule.${error.field}` });
      throw error;
    }
  };
}

export function fakePreviewApi(from: number): FakeApi {
  return fakeApi({ 'jobs.previewSchedule': previewFrom(from) });
}
