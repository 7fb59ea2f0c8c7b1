import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveSettings, useSettings } from '../../api/system';
import { Checkbox, Field } from '../../components/Field';
import { ErrorAlert } from '../../components/ErrorAlert';

/** The global alert rules: failures in a row, how late jobs may be before "stalled", the cooldown alert. */
export function AlertRulesForm() {
  const { t } = useTranslation();
  const settings = useSettings();
  const save = useSaveSettings();
  const [threshold, setThreshold] = useState('');
  const [stall, setStall] = useState('');
  const [cooldown, setCooldown] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!settings.data) return;
    setThreshold(String(settings.data.alertFailureThreshold));
    setStall(String(settings.data.stallThresholdSeconds));
    setCooldown(settings.data.alertOnCooldown);
  }, [settings.data]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.save({ alertFailureThreshold: Number(threshold), stallThresholdSeconds: Number(stall), alertOnCooldown: cooldown }, () => setSaved(true));
  };
  if (!settings.data) return null;
  return (
    <form className="channel-form panel" onSubmit={submit} aria-label={t('Alert rules')}>
      <h2>{t('Alert rules')}</h2>
      <Field label="Failures in a row before an alert" hint="Final attempts; a job can set its own.">
        {(c) => <input {...c} inputMode="numeric" value={threshold} onChange={(e) => setThreshold(e.target.value)} />}
      </Field>
      <Field label="Stalled after (seconds overdue)" hint="Enabled jobs this late with no engine firing them raise “scheduler stalled”.">
        {(c) => <input {...c} inputMode="numeric" value={stall} onChange={(e) => setStall(e.target.value)} />}
      </Field>
      <Checkbox label="Alert while a Claude usage-limit cooldown is on" checked={cooldown} onChange={setCooldown} />
      <ErrorAlert error={save.error} />
      {saved && <p role="status">{t('Alert rules saved.')}</p>}
      <div>
        <button type="submit" className="btn" disabled={save.isPending}>
          {t('Save alert rules')}
        </button>
      </div>
    </form>
  );
}
