import { HTTP_METHODS, type HttpMethod, type Prompt } from '../../../src-shared/domain';
import { Field } from '../../components/Field';
import type { SectionProps } from './section-props';

/** What the job does: a Claude prompt, a shell command or an HTTP request. */
export function WorkSection({ draft, set, errorFor, prompts }: SectionProps & { prompts: readonly Prompt[] | undefined }) {
  if (draft.kind === 'claude') {
    const library = draft.promptSource === 'inline' ? null : (prompts?.find((p) => p.id === draft.promptSource) ?? null);
    return (
      <>
        <Field label="From library" hint="Pick a saved prompt, or write one for this job only.">
          {(c) => (
            <select
              {...c}
              value={draft.promptSource === 'inline' ? '' : String(draft.promptSource)}
              onChange={(e) => set({ promptSource: e.target.value === '' ? 'inline' : Number(e.target.value) })}
            >
              <option value="">Write inline</option>
              {prompts?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Prompt" error={errorFor('prompt') ?? errorFor('promptId')} className="field-wide">
          {(c) =>
            draft.promptSource === 'inline' ? (
              <textarea
                {...c}
                className="mono"
                rows={8}
                value={draft.prompt}
                placeholder="Summarise yesterday's commits in this repository…"
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
      <Field label="Command" error={errorFor('command')} hint="Run by your login shell, in the working directory." className="field-wide">
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
        <Field label="Method" error={errorFor('http.method')} className="field-narrow">
          {(c) => (
            <select {...c} value={draft.method} onChange={(e) => set({ method: e.target.value as HttpMethod })}>
              {HTTP_METHODS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="URL" error={errorFor('http.url')} className="field-grow">
          {(c) => (
            <input {...c} type="url" value={draft.url} placeholder="https://example.com/hook" onChange={(e) => set({ url: e.target.value })} />
          )}
        </Field>
      </div>
      <Field label="Headers" error={errorFor('http.headers')} hint="One per line: Name: value">
        {(c) => <textarea {...c} className="mono" rows={3} value={draft.headers} onChange={(e) => set({ headers: e.target.value })} />}
      </Field>
      <Field label="Body" error={errorFor('http.body')}>
        {(c) => <textarea {...c} className="mono" rows={4} value={draft.body} onChange={(e) => set({ body: e.target.value })} />}
      </Field>
      <Field label="Expected status" error={errorFor('http.expectStatus')} hint="Comma-separated codes; empty means any 2xx.">
        {(c) => <input {...c} value={draft.expectStatus} placeholder="200, 204" onChange={(e) => set({ expectStatus: e.target.value })} />}
      </Field>
    </>
  );
}
