import { useTranslation } from 'react-i18next';
import { useJob } from '../../api/jobs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { href, type JobPrefill } from '../../routing';
import { draftFromJob } from './job-draft';
import { JobForm } from './JobForm';
import { JOB_TEMPLATES } from './templates';
import { usePrefillDraft } from './use-prefill';

function Templates() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('Templates')} className="templates">
      <span className="muted small">{t('Start from a template:')}</span>
      {JOB_TEMPLATES.map((tpl) => (
        <a key={tpl.id} className="template-chip" href={href.newJob({ template: tpl.id })} title={t(tpl.description)}>
          {t(tpl.title)}
        </a>
      ))}
    </nav>
  );
}

function NewJob({ prefill }: { prefill: JobPrefill }) {
  const { t } = useTranslation();
  const { draft, error } = usePrefillDraft(prefill);
  return (
    <>
      <PageHeader title={t('New job')} subtitle={t('A Claude prompt, shell command or HTTP call, on a schedule.')} />
      {prefill === null && <Templates />}
      {error && <div className="alert alert-error">{error}</div>}
      {!draft && !error && <Loading label={t('Loading…')} />}
      {draft && <JobForm initial={draft} />}
    </>
  );
}

export function JobEditorPage({ jobId, prefill = null }: { jobId: number | null; prefill?: JobPrefill }) {
  const { t } = useTranslation();
  const job = useJob(jobId);
  if (jobId === null) return <NewJob prefill={prefill} />;
  return (
    <>
      <PageHeader title={job.data ? t('Edit {{name}}', { name: job.data.name }) : t('Edit job')} />
      {job.isPending && <Loading label={t('Loading job…')} />}
      {job.isError && <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />}
      {/* Keyed by id: a background refetch of the same job must not wipe what is being typed. */}
      {job.data && <JobForm key={job.data.id} initial={draftFromJob(job.data)} job={job.data} />}
    </>
  );
}
