import { useTranslation } from 'react-i18next';
import { Checkbox, Field } from '../../components/Field';
import { JobAlertRules } from '../notifications/JobAlertRules';
import type { SectionProps } from './section-props';

export function NotifySection({ draft, set, errorFor }: SectionProps) {
  const { t } = useTranslation();
  return (
    <>
      <div className="check-row">
        <Checkbox label={t('Notify on failure')} checked={draft.notifyOnFailure} onChange={(notifyOnFailure) => set({ notifyOnFailure })} />
        <Checkbox label={t('Notify on success')} checked={draft.notifyOnSuccess} onChange={(notifyOnSuccess) => set({ notifyOnSuccess })} />
      </div>
      <Field label={t('Notification webhook')} error={errorFor('notify.webhookUrl')} hint={t('Optional: an http(s) URL that receives a JSON post per notification.')}>
        {(c) => (
          <input {...c} type="url" value={draft.webhookUrl} placeholder="https://hooks.example.com/…" onChange={(e) => set({ webhookUrl: e.target.value })} />
        )}
      </Field>
      <JobAlertRules draft={draft} set={set} errorFor={errorFor} />
    </>
  );
}
