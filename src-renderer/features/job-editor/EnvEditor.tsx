import { useTranslation } from 'react-i18next';
import type { SectionProps } from './section-props';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The rows the env error is about, by the rules of validateDraft: a used row (name or value typed)
 * whose name is not a shell name, or a name that appears twice. An empty row is not at fault.
 */
function rowsAtFault(env: readonly { name: string; value: string }[]): boolean[] {
  const names = env.map((v) => v.name.trim());
  return names.map((n, i) => (n !== '' || env[i]!.value !== '') && (!NAME.test(n) || names.indexOf(n) !== names.lastIndexOf(n)));
}

/** Environment variables as name/value rows, added and removed one by one. */
export function EnvEditor({ draft, set, errorFor }: SectionProps) {
  const { t } = useTranslation();
  const error = errorFor('options.env');
  const atFault = error ? rowsAtFault(draft.env) : [];
  const update = (i: number, patch: Partial<{ name: string; value: string }>) =>
    set({ env: draft.env.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  // Not `field-invalid` on the whole set: only the rows at fault are marked, not every variable.
  return (
    <fieldset className="env-editor field-wide">
      <legend>{t('Environment variables')}</legend>
      {draft.env.length === 0 && <p className="muted small">{t('None. The job gets your login shell’s environment.')}</p>}
      {draft.env.map((v, i) => (
        <div key={i} className="env-row">
          <input
            className="mono"
            aria-label={t('Variable {{n}} name', { n: i + 1 })}
            aria-invalid={atFault[i] ? true : undefined}
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
