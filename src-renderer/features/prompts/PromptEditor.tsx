import { ScheduleThisLabel } from '../job-editor/ScheduleThisLabel';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Prompt } from '../../../src-shared/domain';
import { formFieldOf } from '../../api/errors';
import { useCreatePrompt, useDeletePrompt, useUpdatePrompt } from '../../api/prompts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { href } from '../../routing';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';

const splitTags = (text: string) => text.split(',').map((t) => t.trim()).filter(Boolean);

interface PromptEditorProps {
  prompt: Prompt | null;
  onSaved: (prompt: Prompt) => void;
  onDeleted: () => void;
  onCancel: () => void;
}

/** Create or edit one library prompt. Keyed by the prompt's id by its parent, so state resets. */
export function PromptEditor({ prompt, onSaved, onDeleted, onCancel }: PromptEditorProps) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(prompt?.title ?? '');
  const [tags, setTags] = useState(prompt?.tags.join(', ') ?? '');
  const [body, setBody] = useState(prompt?.body ?? '');
  const [confirming, setConfirming] = useState(false);
  const create = useCreatePrompt();
  const update = useUpdatePrompt();
  const remove = useDeletePrompt();
  const saveError = create.error ?? update.error;
  const field = saveError ? formFieldOf(saveError) : null;
  const errorFor = (name: string) => (field === name || field?.startsWith(`${name}.`) ? saveError?.message : undefined);
  const saving = create.isPending || update.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input = { title, body, tags: splitTags(tags) };
    if (prompt) update.mutate({ id: prompt.id, ...input }, { onSuccess: onSaved });
    else create.mutate(input, { onSuccess: onSaved });
  };

  return (
    <form className="prompt-editor" onSubmit={onSubmit} noValidate aria-label={prompt ? t('Edit {{name}}', { name: prompt.title }) : t('New prompt')}>
      <h2>{prompt ? t('Edit prompt') : t('New prompt')}</h2>
      {prompt && (
        <p className="muted small">
          {prompt.usedByJobs === 1 ? t('Used by {{count}} job', { count: 1 }) : t('Used by {{count}} jobs', { count: prompt.usedByJobs })}
        </p>
      )}
      <Field label="Title" error={errorFor('title')}>
        {(c) => <input {...c} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label="Tags" error={errorFor('tags')} hint="Comma-separated.">
        {(c) => <input {...c} value={tags} onChange={(e) => setTags(e.target.value)} />}
      </Field>
      <Field label={t('Body', { context: 'prompt' })} error={errorFor('body')} className="field-wide">
        {(c) => <textarea {...c} className="mono prompt-body" rows={16} spellCheck={false} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <div className="form-footer">
        {saveError && !field && <ErrorAlert error={saveError} />}
        {prompt && (
          <button type="button" className="btn btn-danger-quiet" onClick={() => setConfirming(true)}>
            {t('Delete')}
          </button>
        )}
        <span className="spacer-flex" />
        {prompt && (
          <a className="btn" href={href.newJob({ fromPrompt: prompt.id })}>
            <ScheduleThisLabel />
          </a>
        )}
        <button type="button" className="btn" onClick={onCancel}>
          {t('Cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {t('Save')}
        </button>
      </div>
      {confirming && prompt && (
        <ConfirmDialog
          title={t('Delete “{{title}}”?', { title: prompt.title })}
          confirmLabel={t('Delete')}
          danger
          busy={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate({ id: prompt.id }, { onSuccess: onDeleted })}
          onCancel={() => {
            remove.reset();
            setConfirming(false);
          }}
        >
          <p>
            {prompt.usedByJobs === 0
              ? t('No job uses this prompt.')
              : prompt.usedByJobs === 1
                ? t('{{count}} job uses this prompt.', { count: 1 })
                : t('{{count}} jobs use this prompt.', { count: prompt.usedByJobs })}
          </p>
        </ConfirmDialog>
      )}
    </form>
  );
}
