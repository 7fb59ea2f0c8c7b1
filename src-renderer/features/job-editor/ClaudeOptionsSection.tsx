import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PERMISSION_MODES, type PermissionMode } from '../../../src-shared/domain';
import { Checkbox, Field } from '../../components/Field';
import type { SectionProps } from './section-props';

const MODEL_SUGGESTIONS = ['sonnet', 'opus', 'haiku'];

/** Flags passed to `claude -p`; empty fields leave the CLI's own defaults. */
export function ClaudeOptionsSection({ draft, set, errorFor }: SectionProps) {
  const { t } = useTranslation();
  const modelsId = useId();
  return (
    <>
      <div className="field-grid">
        <Field label={t('Model')} error={errorFor('options.model')} hint={t('Empty uses the CLI default.')}>
          {(c) => (
            <>
              <input {...c} list={modelsId} value={draft.model} onChange={(e) => set({ model: e.target.value })} />
              <datalist id={modelsId}>
                {MODEL_SUGGESTIONS.map((m) => (
                  <option key={m} value={m} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label={t('Max turns')} error={errorFor('options.maxTurns')}>
          {(c) => <input {...c} type="number" min={1} value={draft.maxTurns} onChange={(e) => set({ maxTurns: e.target.value })} />}
        </Field>
        <Field label={t('Permission mode')} error={errorFor('options.permissionMode')}>
          {(c) => (
            <select {...c} value={draft.permissionMode} onChange={(e) => set({ permissionMode: e.target.value as PermissionMode | '' })}>
              <option value="">{t('CLI default')}</option>
              {PERMISSION_MODES.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Allowed tools')} error={errorFor('options.allowedTools')} hint={t('e.g. {{example}}', { example: 'Bash(git *) Edit Read' })} className="field-wide">
          {(c) => <input {...c} className="mono" value={draft.allowedTools} onChange={(e) => set({ allowedTools: e.target.value })} />}
        </Field>
      </div>
      <Checkbox
        label={t('Use git worktree')}
        checked={draft.worktree}
        onChange={(worktree) => set({ worktree })}
        hint={t('Each run works in its own worktree of the working directory, kept when the run fails.')}
        error={errorFor('options.worktree')}
      />
      <Checkbox
        label={t('Skip permission prompts')}
        checked={draft.skipPermissions}
        onChange={(skipPermissions) => set({ skipPermissions })}
        error={errorFor('options.dangerouslySkipPermissions')}
      />
      {draft.skipPermissions && (
        <p className="warning warning-active" role="note">
          <strong>{t('Warning:')}</strong>{' '}
          {t('Claude will run every tool (shell commands, file edits) without asking, unattended. Use it only in a sandbox or a throwaway worktree.')}
        </p>
      )}
    </>
  );
}
