import { useTranslation } from 'react-i18next';
import { useDismissLegacy, useLegacyCandidates } from '../../api/job-files';
import { href } from '../../routing';

/**
 * On start, when a database of the original Night Pilot sits in one of the usual places and was
 * neither imported nor dismissed, offer to bring its jobs over.
 */
export function LegacyImportBanner() {
  const { t } = useTranslation();
  const found = useLegacyCandidates();
  const dismiss = useDismissLegacy();
  const first = found.data?.candidates[0];
  if (!first) return null;
  return (
    <div className="banner banner-warn" role="region" aria-label={t('Data from the original Night Pilot')}>
      <div className="banner-text">
        <p className="banner-main">
          <strong>{t('Found a database of the original Claude Night Pilot')}</strong>
          <span className="banner-detail">
            {first.path} — {t('{{jobs}} job(s), {{prompts}} prompt(s)', { jobs: first.jobs, prompts: first.prompts })}
          </span>
        </p>
      </div>
      <a className="btn btn-small" href={href.files()}>
        {t('Review and import')}
      </a>
      <button type="button" className="btn btn-small" disabled={dismiss.isPending} onClick={() => dismiss.mutate({ path: first.path })}>
        {t('Not now')}
      </button>
    </div>
  );
}
