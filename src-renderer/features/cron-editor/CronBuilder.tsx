import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIVE_FIELD_LABELS, joinCron, SIX_FIELD_LABELS, splitCron } from './cron-fields';

const HINTS: Record<string, string> = {
  Second: '0-59',
  Minute: '0-59',
  Hour: '0-23',
  'Day of month': '1-31, L',
  Month: '1-12, JAN-DEC',
  'Day of week': '0-6, SUN-SAT',
};

interface CronBuilderProps {
  value: string;
  onChange: (cron: string) => void;
}

/**
 * One input per cron field, in step with the text both ways. While a field is being edited (and
 * may be empty) the builder keeps its own parts, as long as they still spell the current text.
 */
export function CronBuilder({ value, onChange }: CronBuilderProps) {
  const { t } = useTranslation();
  const id = useId();
  const [own, setOwn] = useState<string[] | null>(null);
  const parts = own !== null && joinCron(own) === value ? own : splitCron(value);
  const labels = parts.length === 6 ? SIX_FIELD_LABELS : FIVE_FIELD_LABELS;

  const edit = (index: number, text: string) => {
    const next = parts.map((p, i) => (i === index ? text : p));
    setOwn(next);
    onChange(joinCron(next));
  };

  return (
    <div className="cron-builder" role="group" aria-label={t('Cron fields')}>
      {labels.map((label, i) => (
        <div key={label} className="cron-builder-field">
          <label htmlFor={`${id}-${i}`}>{t(label)}</label>
          <input
            id={`${id}-${i}`}
            className="mono"
            value={parts[i] ?? ''}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => edit(i, e.target.value.replace(/\s+/g, ''))}
          />
          <span className="field-hint">{HINTS[label]}</span>
        </div>
      ))}
    </div>
  );
}
