import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSchedulePreview } from '../../api/schedule-preview';
import { describeCron } from '../../lib/schedule-words';
import { currentFormatLocale, isValidZone } from '../../lib/time';
import { CronBuilder } from './CronBuilder';
import { CronPresets } from './CronPresets';
import { NextRuns } from './NextRuns';

interface CronEditorProps {
  value: string;
  timezone: string;
  onChange: (cron: string) => void;
  /** True only once the contract has accepted exactly the current expression in this zone. */
  onValidityChange?: (valid: boolean) => void;
  /** A message for the cron field from elsewhere, e.g. the save that failed. */
  error?: string | null | undefined;
}

/** The contract describes in English; other languages get cronstrue's own words (it ships zh_TW/zh_CN). */
function localDescription(cron: string, english: string, timezone: string): string {
  return currentFormatLocale() === 'en' ? english : `${describeCron(cron)} (${timezone})`;
}

export function CronEditor({ value, timezone, onChange, onValidityChange, error }: CronEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const zoneOk = isValidZone(timezone);
  const preview = useSchedulePreview(zoneOk ? { type: 'cron', cron: value, timezone } : null);
  const valid = zoneOk && preview.settled && preview.isSuccess;
  // The last answer's complaint stays up while the next keystroke is checked, so it doesn't flicker.
  const [previewError, setPreviewError] = useState<string | null>(null);
  const settledError = preview.settled ? (preview.error?.message ?? null) : undefined;
  useEffect(() => {
    if (settledError !== undefined) setPreviewError(settledError);
  }, [settledError]);
  const message = (zoneOk ? previewError : null) || error || null;
  const data = preview.isError ? undefined : preview.data;

  useEffect(() => {
    onValidityChange?.(valid);
  }, [valid, onValidityChange]);

  return (
    <div className="cron-editor">
      <CronPresets onPick={onChange} />
      <div className={`field${message ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-cron`}>{t('Cron expression')}</label>
        <input
          id={`${id}-cron`}
          className="mono cron-text"
          value={value}
          spellCheck={false}
          autoComplete="off"
          placeholder="0 9 * * 1-5"
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-error` : `${id}-description`}
          onChange={(e) => onChange(e.target.value)}
        />
        {message && (
          <p id={`${id}-error`} role="alert" className="field-error">
            {message}
          </p>
        )}
      </div>
      <CronBuilder value={value} onChange={onChange} />
      <p id={`${id}-description`} className="cron-description" aria-live="polite">
        {zoneOk ? (data ? localDescription(value, data.description, timezone) : preview.isError ? '' : t('Describing…')) : t('Choose a valid timezone to see when this runs.')}
      </p>
      <NextRuns runs={data?.nextRuns} timezone={data?.timezone ?? timezone} pending={preview.isFetching} />
    </div>
  );
}
