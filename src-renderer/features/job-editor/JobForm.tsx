import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { plainMessage, validateDraft } from './validate-draft';
import { useUnsavedGuard } from './use-unsaved-guard';
import { JOB_KINDS, type Job, type JobKind } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { formFieldOf } from '../../api/errors';
import { useCreateJob, useUpdateJob } from '../../api/jobs';
import { usePromptsList } from '../../api/prompts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Checkbox, Field } from '../../components/Field';
import { href, navigate } from '../../routing';
import { ClaudeOptionsSection } from './ClaudeOptionsSection';
import { ExecutionSection } from './ExecutionSection';
import { DraftError, draftToInput, type JobDraft, type JobInput } from './job-draft';
import { NotifySection } from './NotifySection';
import { ScheduleSection } from './ScheduleSection';
import { fieldMatches, FORM_FIELDS } from './section-props';
import { WorkSection } from './WorkSection';
import { UpstreamsSection } from '../job-chain/UpstreamsSection';

/** English keys: shown through t(). */
const KIND_LABELS: Record<JobKind, string> = { claude: 'Claude prompt', shell: 'Shell command', http: 'HTTP request' };

function Section({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section">
      <legend>{t(title)}</legend>
      {children}
    </fieldset>
  );
}

export function JobForm({ initial, job }: { initial: JobDraft; job?: Job }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<AppError | null>(null);
  /** The form's own check that failed (rather than the contract's): worded in the UI's language when shown. */
  const [drafted, setDrafted] = useState<DraftError | null>(null);
  const [cronValid, setCronValid] = useState(false);
  /** Errors show once Save was tried, then follow every edit (fixed fields clear at once). */
  const [tried, setTried] = useState(0);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const prompts = usePromptsList();
  const create = useCreateJob();
  const update = useUpdateJob();
  const saving = create.isPending || update.isPending;
  const dirty = !saved && JSON.stringify(draft) !== JSON.stringify(initial);
  const guard = useUnsavedGuard(dirty);

  // Any edit drops the server's complaint: it was about the values as they were.
  const set = useCallback((patch: Partial<JobDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setError(null);
    setDrafted(null);
  }, []);
  const say = useCallback((key: string, vars?: Record<string, string | number>) => t(key, vars ?? {}), [t]);
  const local = tried > 0 ? validateDraft(draft, say) : {};
  const errorField = error ? formFieldOf(error) : null;
  const errorFor = (path: string) => {
    const mine = Object.entries(local).find(([field]) => fieldMatches(field, path))?.[1];
    if (mine) return mine;
    return error && errorField !== null && fieldMatches(errorField, path) ? (drafted?.say(say) ?? plainMessage(error.message, say)) : undefined;
  };
  const shownAtField = errorField !== null && FORM_FIELDS.some((path) => fieldMatches(errorField, path));
  const blocked = draft.scheduleType === 'cron' && !cronValid;

  // After a failed Save, the first field with a problem takes the focus.
  useEffect(() => {
    if (tried === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [tried, error]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (blocked || saving) return;
    setTried((n) => n + 1);
    if (Object.keys(validateDraft(draft)).length > 0) return;
    let input: JobInput;
    try {
      input = draftToInput(draft, job);
    } catch (err) {
      if (err instanceof DraftError) {
        setDrafted(err);
        return setError(new AppError('VALIDATION', err.message, { field: err.field }));
      }
      throw err;
    }
    setError(null);
    setDrafted(null);
    const done = {
      onSuccess: () => {
        setSaved(true);
        guard.allowNext();
        navigate(href.jobs());
      },
      onError: setError,
    };
    if (job) update.mutate({ id: job.id, patch: input }, done);
    else create.mutate(input, done);
  };

  const props = { draft, set, errorFor };
  return (
    <form ref={formRef} className="job-form" onSubmit={onSubmit} noValidate aria-label={job ? t('Edit {{name}}', { name: job.name }) : t('New job')}>
      {tried > 0 && Object.keys(local).length > 0 && (
        <div className="alert alert-error" role="alert">
          {t('Fix the highlighted fields to save: {{count}} to go.', { count: Object.keys(local).length })}
        </div>
      )}
      <Section title="Basics">
        <div className="field-row">
          <Field label={t('Name')} error={errorFor('name')} className="field-grow">
            {(c) => <input {...c} value={draft.name} placeholder={t('Nightly dependency review')} onChange={(e) => set({ name: e.target.value })} />}
          </Field>
          <Field label={t('Kind')} error={errorFor('kind')}>
            {(c) => (
              <select {...c} value={draft.kind} onChange={(e) => set({ kind: e.target.value as JobKind })}>
                {JOB_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(KIND_LABELS[k])}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <WorkSection {...props} prompts={prompts.data} />
        <div className="field-row">
          <Field label={t('Tags')} error={errorFor('tags')} hint={t('Comma-separated.')} className="field-grow">
            {(c) => <input {...c} value={draft.tags} placeholder="nightly, repo-a" onChange={(e) => set({ tags: e.target.value })} />}
          </Field>
          <Checkbox label={t('Enabled')} checked={draft.enabled} onChange={(enabled) => set({ enabled })} />
        </div>
      </Section>
      <Section title="Schedule">
        <ScheduleSection {...props} onCronValidity={setCronValid} />
      </Section>
      <Section title="Runs after">
        <UpstreamsSection {...props} jobId={job?.id ?? null} />
      </Section>
      <Section title="Execution">
        <ExecutionSection {...props} />
      </Section>
      {draft.kind === 'claude' && (
        <Section title="Claude options">
          <ClaudeOptionsSection {...props} />
        </Section>
      )}
      <Section title="Notifications">
        <NotifySection {...props} />
      </Section>

      <div className="form-footer">
        {error && !shownAtField && <ErrorAlert error={error} />}
        {dirty && <span className="muted small">{t('Unsaved changes')}</span>}
        {blocked && <span className="muted">{t('Fix the cron expression to save.')}</span>}
        <button type="button" className="btn" onClick={() => (dirty ? guard.ask(job ? href.job(job.id) : href.jobs()) : navigate(job ? href.job(job.id) : href.jobs()))}>
          {t('Cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={blocked || saving}>
          {saving ? t('Saving…') : t('Save')}
        </button>
      </div>
      {guard.pending && (
        <ConfirmDialog title={t('Leave without saving?')} confirmLabel={t('Discard changes')} danger onCancel={guard.stay} onConfirm={guard.leave}>
          <p>{t('Your changes to this job have not been saved.')}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
