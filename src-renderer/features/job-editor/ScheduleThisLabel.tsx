import { useTranslation } from 'react-i18next';

/** The "Schedule this" link text, in the UI's language (run and prompt pages). */
export function ScheduleThisLabel() {
  const { t } = useTranslation();
  return <>{t('Schedule this')}</>;
}
