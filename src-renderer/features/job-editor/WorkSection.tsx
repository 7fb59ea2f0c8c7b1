import { useTranslation } from 'react-i18next';
import { HTTP_METHODS, type HttpMethod, type Prompt } from '../../../src-shared/domain';
import { Field } from '../../components/Field';
import type { SectionProps } from './section-props';

/** What the job does: a Claude prompt, a shell command or an HTTP request. */
export function WorkSection({ draft, set, errorFor, prompts }: SectionProps & { prompts: readonly Prompt[] | undefined }) {
  const { t } = useTranslation();
  if (draft.kind === 'claude') {
    const library = draft.promptSource === 'inline' ? null : (prompts?.find((p) => p.id === draft.promptSource) ?? null);
    return (
      <>
        <Field label={t('From library')} hint={t('Pick a saved prompt, or write one for this job only.')}>
          {(c) => (
            <select
              {...c}
              value={draft.promptSource === 'inline' ? '' : String(draft.promptSource)}
              onChange={(e) => set({ promptSource: e.target.value === '' ? 'inline' : Number(e.target.value) })}
            >
              <option value="">{t('Write inline')}</option>
              {prompts?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Prompt')} error={errorFor('prompt') ?? errorFor('promptId')} className="field-wide">
          {(c) =>
            draft.promptSource === 'inline' ? (
              <textarea
                {...c}
                className="mono"
                rows={8}
                value={draft.prompt}
                placeholder={t("Summarise yesterday's commits in this repository…")}
                onChange={(e) => set({ prompt: e.target.value })}
              />
            ) : (
              <textarea {...c} className="mono" rows={8} readOnly value={library?.body ?? ''} />
            )
          }
        </Field>
      </>
    );
  }
  if (draft.kind === 'shell') {
    return (
      <Field label={t('Command')} error={errorFor('command')} hint={t('Run by your login shell, in the working directory.')} className="field-wide">
        {(c) => (
          <textarea
            {...c}
            className="mono"
            rows={3}
            value={draft.command}
            placeholder="npm run nightly-report"
            onChange={(e) => set({ command: e.target.value })}
          />
        )}
      </Field>
    );
  }
  return (
    <>
      <div className="field-row">
        <Field label={t('Method')} error={errorFor('http.method')} className="field-narrow">
          {(c) => (
            <select {...c} value={draft.method} onChange={(e) => set({ method: e.target.value as HttpMethod })}>
              {HTTP_METHODS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('URL')} error={errorFor('http.url')} className="field-grow">
          {(c) => (
            <input {...c} type="url" value={draft.url} placeholder="https://example.com/hook" onChange={(e) => set({ url: e.target.value })} />
          )}
        </Field>
      </div>
      <Field label={t('Headers')} error={errorFor('http.headers')} hint={t('One per line: Name: value')}>
        {(c) => <textarea {...c} className="mono" rows={3} value={draft.headers} onChange={(e) => set({ headers: e.target.value })} />}
      </Field>
      <Field label={t('Body')} error={errorFor('http.body')}>
        {(c) => <textarea {...c} className="mono" rows={4} value={draft.body} onChange={(e) => set({ body: e.target.value })} />}
      </Field>
      <Field label={t('Expected status')} error={errorFor('http.expectStatus')} hint={t('Comma-separated codes; empty means any 2xx.')}>
        {(c) => <input {...c} value={draft.expectStatus} placeholder="200, 204" onChange={(e) => set({ expectStatus: e.target.value })} />}
      </Field>
    </>
  );
}
