import { useId, useState } from 'react';
import { cronPresets, WEEKDAY_NAMES } from './cron-fields';

/** One-click schedules; the time, weekday and day of month shape the presets that use them. */
export function CronPresets({ onPick }: { onPick: (cron: string) => void }) {
  const id = useId();
  const [time, setTime] = useState('09:00');
  const [weekday, setWeekday] = useState(1);
  const [dayOfMonth, setDayOfMonth] = useState(1);
  return (
    <div className="cron-presets" role="group" aria-label="Presets">
      <div className="preset-buttons">
        {cronPresets(time, weekday, dayOfMonth).map((preset) => (
          <button key={preset.label} type="button" className="btn btn-small chip" onClick={() => onPick(preset.cron)}>
            {preset.label}
          </button>
        ))}
      </div>
      <div className="preset-options">
        <label htmlFor={`${id}-time`}>Preset time</label>
        <input id={`${id}-time`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
        <label htmlFor={`${id}-weekday`}>Preset weekday</label>
        <select id={`${id}-weekday`} value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
          {WEEKDAY_NAMES.map((name, i) => (
            <option key={name} value={i}>
              {name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-dom`}>Preset day of month</label>
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
