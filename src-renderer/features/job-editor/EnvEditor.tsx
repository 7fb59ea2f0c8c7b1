import { useTranslation } from 'react-i18next';
import type { SectionProps } from './section-props';

/** Environment variables as name/value rows, added and removed one by one. */
export function EnvEditor({ draft, set, errorFor }: SectionProps) {
  const { t } = useTranslation();
  const error = errorFor('options.env');
  const update = (i: number, patch: Partial<{ name: string; value: string }>) =>
    set({ env: draft.env.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  return (
    <fieldset className={`env-editor field-wide${error ? ' field-invalid' : ''}`}>
      <legend>{t('Environment variables')}</legend>
      {draft.env.length === 0 && <p className="muted small">{t('None. The job gets your login shell’s environment.')}</p>}
      {draft.env.map((v, i) => (
        <div key={i} className="env-row">
          <input
            className="mono"
            aria-label={t('Variable {{n}} name', { n: i + 1 })}
            aria-invalid={error && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.name.trim()) ? true : undefined}
            placeholder="NAME"
            value={v.name}
            onChange={(e) => update(i, { name: e.target.value })}
          />
          <span aria-hidden="true">=</span>
          <input className="mono" aria-label={t('Variable {{n}} value', { n: i + 1 })} placeholder={t('value')} value={v.value} onChange={(e) => update(i, { value: e.target.value })} />
          <button type="button" className="btn btn-small" aria-label={t('Remove variable {{n}}', { n: i + 1 })} onClick={() => set({ env: draft.env.filter((_, j) => j !== i) })}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => set({ env: [...draft.env, { name: '', value: '' }] })}>
        {t('Add variable')}
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
