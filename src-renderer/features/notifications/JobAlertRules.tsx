import { useTranslation } from 'react-i18next';
import { Checkbox, Field } from '../../components/Field';
import type { SectionProps } from '../job-editor/section-props';
import { useChannels } from './use-channels';

/**
 * A job's alert rules in its editor: whether its alerts are sent, after how many failures in a
 * row, and which channels get its alerts and run notifications (none ticked: every enabled one).
 */
export function JobAlertRules({ draft, set, errorFor }: SectionProps) {
  const { t } = useTranslation();
  const channels = useChannels();
  const toggle = (id: number, on: boolean) => set({ notifyChannels: on ? [...draft.notifyChannels, id] : draft.notifyChannels.filter((c) => c !== id) });
  return (
    <>
      <div className="check-row">
        <Checkbox label="Send this job's alerts" checked={draft.alertsOn} onChange={(alertsOn) => set({ alertsOn })} />
      </div>
      <Field label="Failures in a row before an alert" error={errorFor('notify.failureThreshold')} hint="Empty: the global setting (3 unless changed under Notifications).">
        {(c) => <input {...c} inputMode="numeric" value={draft.alertAfter} placeholder="3" onChange={(e) => set({ alertAfter: e.target.value })} />}
      </Field>
      {channels.data && channels.data.length > 0 && (
        <fieldset className="field">
          <legend>{t('Channels for this job')}</legend>
          <p className="field-hint">{t('None ticked: every enabled channel. Ticked ones also get this job’s success and failure notifications.')}</p>
          {channels.data.map((ch) => (
            <Checkbox key={ch.id} label={`${ch.name} (${t(ch.type)})`} checked={draft.notifyChannels.includes(ch.id)} onChange={(on) => toggle(ch.id, on)} />
          ))}
        </fieldset>
      )}
    </>
  );
}
