import { useTranslation } from 'react-i18next';
import { EnvEditor } from './EnvEditor';
import { BACKOFF_KINDS, type BackoffKind, type CatchUpPolicy, type OverlapPolicy } from '../../../src-shared/domain';
import { Field } from '../../components/Field';
import type { SectionProps } from './section-props';

/** The policies' names are English keys, shown through t(). */
const OVERLAP_LABELS: Record<OverlapPolicy, string> = {
  skip: 'Skip if still running',
  queue_one: 'Queue one run',
  allow: 'Allow parallel runs',
};
const CATCH_UP_LABELS: Record<CatchUpPolicy, string> = {
  skip: 'Skip missed runs',
  run_once: 'Run once for all missed',
  run_all: 'Run every missed slot',
};
const BACKOFF_LABELS: Record<BackoffKind, string> = {
  fixed: 'Fixed',
  linear: 'Linear',
  exponential: 'Exponential',
  ladder: 'Ladder (waits set by file or CLI)',
};

/** How runs are queued, bounded and retried. */
export function ExecutionSection({ draft, set, errorFor }: SectionProps) {
  const { t } = useTranslation();
  return (
    <div className="field-grid">
      <Field label={t('Priority')} error={errorFor('priority')} hint={t('1-10; 10 runs first.')}>
        {(c) => <input {...c} type="number" min={1} max={10} value={draft.priority} onChange={(e) => set({ priority: e.target.value })} />}
      </Field>
      <Field label={t('Timeout')} error={errorFor('timeoutSeconds')} hint={t('e.g. 30m or 1h 30m; empty uses the default.')}>
        {(c) => <input {...c} value={draft.timeout} placeholder={t('default')} onChange={(e) => set({ timeout: e.target.value })} />}
      </Field>
      <Field label={t('Retries')} error={errorFor('retry.maxRetries')} hint={t('After the first attempt.')}>
        {(c) => <input {...c} type="number" min={0} max={100} value={draft.retries} onChange={(e) => set({ retries: e.target.value })} />}
      </Field>
      <Field label={t('Backoff')} error={errorFor('retry.backoff')}>
        {(c) => (
          <select {...c} value={draft.backoff} onChange={(e) => set({ backoff: e.target.value as BackoffKind })}>
            {BACKOFF_KINDS.filter((b) => b !== 'ladder' || draft.backoff === 'ladder').map((b) => (
              <option key={b} value={b}>
                {t(BACKOFF_LABELS[b])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('Retry delay')} error={errorFor('retry.delaySeconds')} hint={t('First wait, e.g. 1m or 30s.')}>
        {(c) => <input {...c} value={draft.retryDelay} onChange={(e) => set({ retryDelay: e.target.value })} />}
      </Field>
      <Field label={t('Overlap policy')} error={errorFor('overlap')}>
        {(c) => (
          <select {...c} value={draft.overlap} onChange={(e) => set({ overlap: e.target.value as OverlapPolicy })}>
            {(Object.keys(OVERLAP_LABELS) as OverlapPolicy[]).map((o) => (
              <option key={o} value={o}>
                {t(OVERLAP_LABELS[o])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('Catch-up policy')} error={errorFor('catchUp')} hint={t('After sleep or a restart.')}>
        {(c) => (
          <select {...c} value={draft.catchUp} onChange={(e) => set({ catchUp: e.target.value as CatchUpPolicy })}>
            {(Object.keys(CATCH_UP_LABELS) as CatchUpPolicy[]).map((o) => (
              <option key={o} value={o}>
                {t(CATCH_UP_LABELS[o])}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.kind !== 'http' && (
        <Field label={t('Working directory')} error={errorFor('options.cwd')} hint={t('Where the job runs.')}>
          {(c) => <input {...c} className="mono" value={draft.cwd} placeholder="~/projects/app" onChange={(e) => set({ cwd: e.target.value })} />}
        </Field>
      )}
      {draft.kind !== 'http' && <EnvEditor draft={draft} set={set} errorFor={errorFor} />}
    </div>
  );
}
