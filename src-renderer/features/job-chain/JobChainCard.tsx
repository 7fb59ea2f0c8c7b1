import { useTranslation } from 'react-i18next';
import type { Job, JobLink } from '../../../src-shared/domain';
import { href } from '../../routing';

function Links({ links, empty }: { links: JobLink[]; empty: string }) {
  const { t } = useTranslation();
  if (!links.length) return <p className="muted">{empty}</p>;
  return (
    <ul className="chain-links">
      {links.map((l) => (
        <li key={l.jobId}>
          <a href={href.job(l.jobId)}>
            #{l.jobId} {l.jobName}
          </a>{' '}
          <span className="muted small">{t(l.condition === 'always' ? 'always' : l.condition === 'success' ? 'on success' : 'on failure')}</span>
        </li>
      ))}
    </ul>
  );
}

/** The job page's view of the chain: what this job runs after, and what runs after it. */
export function JobChainCard({ job }: { job: Job }) {
  const { t } = useTranslation();
  if (!job.after.length && !job.dependants.length) return null;
  return (
    <section aria-labelledby="job-chain" className="card" data-testid="job-chain">
      <h2 id="job-chain">{t('Chain')}</h2>
      <h3 className="small">
        {t('Runs after')}
        {job.after.length > 1 && <span className="muted"> ({job.afterMode === 'all' ? t('all of them') : t('any of them')})</span>}
      </h3>
      <Links links={job.after} empty={t('No upstream jobs.')} />
      <h3 className="small">{t('Then runs')}</h3>
      <Links links={job.dependants} empty={t('Nothing runs after this job.')} />
    </section>
  );
}
