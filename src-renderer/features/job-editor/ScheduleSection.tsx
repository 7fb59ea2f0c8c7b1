import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput } from '../../../src-shared/contract';
import type { ScheduleType } from '../../../src-shared/domain';
import { useSchedulePreview } from '../../api/schedule-preview';
import { Field } from '../../components/Field';
import { parseDuration } from '../../lib/numbers';
import { describeJobSchedule } from '../../lib/schedule-words';
import { isValidZone, zonedInputToIso } from '../../lib/time';
import { CronEditor } from '../cron-editor/CronEditor';
import { NextRuns } from '../cron-editor/NextRuns';
import type { SectionProps } from './section-props';
import { timezoneNames } from './timezones';

/** English keys, shown through t(). */
const TYPE_LABELS: Record<ScheduleType, string> = { cron: 'Cron', interval: 'Interval', once: 'Once', manual: 'Manual' };

type PreviewSchedule = CallInput<'jobs.previewSchedule'>['schedule'];

/** Interval and one-time schedules get the same preview as cron, without gating Save on it. */
function SimplePreview({ schedule, timezone }: { schedule: PreviewSchedule | null; timezone: string }) {
  const { t, i18n } = useTranslation();
  const preview = useSchedulePreview(schedule);
  if (schedule === null) return null;
  return (
    <div className="schedule-preview">
      {preview.isError ? (
        <p className="muted">{preview.error.message}</p>
      ) : (
        <p className="cron-description">
          {/* The engine describes schedules in English; other languages word it here, as the jobs table does. */}
          {preview.data ? (i18n.language === 'en' ? preview.data.description : describeJobSchedule({ ...schedule, timezone: schedule.timezone ?? timezone })) : t('Describing…')}
        </p>
      )}
      <NextRuns
        runs={preview.isError ? undefined : preview.data?.nextRuns}
        timezone={preview.data?.timezone ?? timezone}
        pending={preview.isFetching}
      />
    </div>
  );
}

export function ScheduleSection({ draft, set, errorFor, onCronValidity }: SectionProps & { onCronValidity: (valid: boolean) => void }) {
  const { t } = useTranslation();
  const listId = useId();
  const zone = draft.timezone.trim();
  const zoneOk = isValidZone(zone);
  const zoneError = errorFor('schedule.timezone');
  const everySeconds = parseDuration(draft.interval);
  const onceAt = zoneOk ? zonedInputToIso(draft.onceAt, zone) : null;

  return (
    <>
      <div className="field-row">
        <Field label={t('Schedule type')} error={errorFor('schedule.type')}>
          {(c) => (
            <select {...c} value={draft.scheduleType} onChange={(e) => set({ scheduleType: e.target.value as ScheduleType })}>
              {(Object.keys(TYPE_LABELS) as ScheduleType[]).map((type) => (
                <option key={type} value={type}>
                  {t(TYPE_LABELS[type])}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.scheduleType !== 'manual' && (
        <Field label={t('Timezone')} error={zoneError} hint={t('Type to search IANA zones.')} className="field-grow">
          {(c) => (
            <>
              <input {...c} list={listId} value={draft.timezone} autoComplete="off" onChange={(e) => set({ timezone: e.target.value })} />
              <datalist id={listId}>
                {timezoneNames().map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        )}
      </div>

      {draft.scheduleType === 'cron' && (
        <CronEditor
          value={draft.cron}
          timezone={zone}
          onChange={(cron) => set({ cron })}
          onValidityChange={onCronValidity}
          error={errorFor('schedule.cron')}
        />
      )}
      {draft.scheduleType === 'interval' && (
        <>
          <Field
            label={t('Interval')}
            error={errorFor('schedule.everySeconds')}
            hint={t('e.g. 15m, 2h, 1d; counted from when the job is saved.')}
          >
            {(c) => <input {...c} value={draft.interval} onChange={(e) => set({ interval: e.target.value })} />}
          </Field>
          <SimplePreview
            schedule={everySeconds && everySeconds >= 1 && zoneOk ? { type: 'interval', everySeconds, timezone: zone } : null}
            timezone={zone}
          />
        </>
      )}
      {draft.scheduleType === 'once' && (
        <>
          <Field label={t('Run at')} error={errorFor('schedule.at')} hint={t('Date and time in {{zone}}.', { zone: zoneOk ? zone : t('the job’s timezone') })}>
            {(c) => <input {...c} type="datetime-local" value={draft.onceAt} onChange={(e) => set({ onceAt: e.target.value })} />}
          </Field>
          <SimplePreview schedule={onceAt ? { type: 'once', at: onceAt, timezone: zone } : null} timezone={zone} />
        </>
      )}
      {draft.scheduleType === 'manual' && <p className="muted">{t('Runs only when you press Run now (or from the CLI).')}</p>}
    </>
  );
}
