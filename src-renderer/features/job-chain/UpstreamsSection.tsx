import { useTranslation } from 'react-i18next';
import { AFTER_MODES, CHAIN_CONDITIONS, type AfterMode, type ChainCondition, type Job } from '../../../src-shared/domain';
import { useJobsList } from '../../api/jobs';
import { Field } from '../../components/Field';
import type { SectionProps } from '../job-editor/section-props';

const CONDITION_LABELS: Record<ChainCondition, string> = { success: 'when it succeeds', failure: 'when it fails', always: 'whenever it finishes' };
const MODE_LABELS: Record<AfterMode, string> = { all: 'after all of them (one run each)', any: 'after each of them' };

/**
 * The editor's "Runs after" section: which jobs release this one, on what condition, and with
 * several, whether it waits for all of them. The engine refuses a loop and names it (field `after`).
 */
export function UpstreamsSection({ draft, set, errorFor, jobId }: SectionProps & { jobId: number | null }) {
  const { t } = useTranslation();
  const jobs = useJobsList();
  const choices: Job[] = (jobs.data?.items ?? []).filter((j) => j.id !== jobId);
  const links = draft.after;
  const change = (i: number, patch: Partial<(typeof links)[number]>) => set({ after: links.map((l, k) => (k === i ? { ...l, ...patch } : l)) });
  const unused = choices.find((j) => !links.some((l) => l.jobId === j.id));
  return (
    <div className="upstreams" data-testid="upstreams-section">
      {links.length === 0 && <p className="muted">{t('Runs only on its schedule or by hand. Add a job to run after it.')}</p>}
      {links.map((link, i) => (
        <div className="field-row" key={i}>
          <Field label={t('After job')} error={errorFor(`after.${i}`)} className="field-grow">
            {(c) => (
              <select {...c} value={link.jobId} onChange={(e) => change(i, { jobId: Number(e.target.value) })}>
                {!choices.some((j) => j.id === link.jobId) && <option value={link.jobId}>#{link.jobId}</option>}
                {choices.map((j) => (
                  <option key={j.id} value={j.id}>
                    #{j.id} {j.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('Condition')}>
            {(c) => (
              <select {...c} value={link.condition} onChange={(e) => change(i, { condition: e.target.value as ChainCondition })}>
                {CHAIN_CONDITIONS.map((cond) => (
                  <option key={cond} value={cond}>
                    {t(CONDITION_LABELS[cond])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" className="btn" aria-label={t('Remove upstream {{n}}', { n: i + 1 })} onClick={() => set({ after: links.filter((_, k) => k !== i) })}>
            {t('Remove')}
          </button>
        </div>
      ))}
      {errorFor('after') && !links.some((_, i) => errorFor(`after.${i}`)) && (
        <p role="alert" className="field-error">
          {errorFor('after')}
        </p>
      )}
      <div className="field-row">
        <button type="button" className="btn" disabled={!unused} onClick={() => unused && set({ after: [...links, { jobId: unused.id, condition: 'success' }] })}>
          {t('Add upstream job')}
        </button>
        {links.length > 1 && (
          <Field label={t('With several')} error={errorFor('afterMode')}>
            {(c) => (
              <select {...c} value={draft.afterMode} onChange={(e) => set({ afterMode: e.target.value as AfterMode })}>
                {AFTER_MODES.map((m) => (
                  <option key={m} value={m}>
                    {t(MODE_LABELS[m])}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
    </div>
  );
}
