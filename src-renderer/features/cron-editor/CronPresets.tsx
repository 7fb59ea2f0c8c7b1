import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { cronPresets, WEEKDAY_NAMES, type CronPreset } from './cron-fields';

/** A preset's label in the UI language; its weekday is a key of its own. */
function presetText(t: TFunction, preset: CronPreset): string {
  const [key, values] = preset.text;
  if (!values) return t(key);
  return t(key, typeof values.weekday === 'string' ? { ...values, weekday: t(values.weekday) } : values);
}

/** One-click schedules; the time, weekday and day of month shape the presets that use them. */
export function CronPresets({ onPick }: { onPick: (cron: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [time, setTime] = useState('09:00');
  const [weekday, setWeekday] = useState(1);
  const [dayOfMonth, setDayOfMonth] = useState(1);
  return (
    <div className="cron-presets" role="group" aria-label={t('Presets')}>
      <div className="preset-buttons">
        {cronPresets(time, weekday, dayOfMonth).map((preset) => (
          <button key={preset.label} type="button" className="btn btn-small chip" onClick={() => onPick(preset.cron)}>
            {presetText(t, preset)}
          </button>
        ))}
      </div>
      <div className="preset-options">
        <label htmlFor={`${id}-time`}>{t('Preset time')}</label>
        <input id={`${id}-time`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
        <label htmlFor={`${id}-weekday`}>{t('Preset weekday')}</label>
        <select id={`${id}-weekday`} value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
          {WEEKDAY_NAMES.map((name, i) => (
            <option key={name} value={i}>
              {t(name)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-dom`}>{t('Preset day of month')}</label>
        <input
          id={`${id}-dom`}
          type="number"
          min={1}
          max={31}
          value={dayOfMonth}
          onChange={(e) => setDayOfMonth(Math.min(31, Math.max(1, Number(e.target.value) || 1)))}
        />
      </div>
    </div>
  );
}
