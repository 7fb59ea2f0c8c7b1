import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../src-shared/domain';
import { formFieldOf } from '../../api/errors';
import { useApi } from '../../api/context';
import { useSaveSettings, useSettings } from '../../api/system';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Checkbox, Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { useTheme, type ThemePreference } from '../../state/theme';
import { LANGUAGE_NAMES, LANGUAGES, useLanguage, type LanguagePreference } from '../../i18n/language';
import { useTranslation } from 'react-i18next';
import { plainMessage } from '../job-editor/validate-draft';
import { ClaudeCheck } from './ClaudeCheck';
import { EngineHolder } from './EngineHolder';

interface SettingsDraft {
  maxConcurrentRuns: string;
  defaultTimeoutSeconds: string;
  claudePath: string;
  retentionDays: string;
  notifyOnCooldown: boolean;
  launchAtLogin: boolean;
  keepAwake: boolean;
  keepInTray: boolean;
  keepRawLogs: boolean;
  /** The full log's cap, in MB as the form shows it. */
  rawLogMaxMb: string;
}

const MB = 1024 * 1024;

const toDraft = (s: Settings): SettingsDraft => ({
  maxConcurrentRuns: String(s.maxConcurrentRuns),
  defaultTimeoutSeconds: String(s.defaultTimeoutSeconds),
  claudePath: s.claudePath ?? '',
  retentionDays: String(s.retentionDays),
  notifyOnCooldown: s.notifyOnCooldown,
  launchAtLogin: s.launchAtLogin,
  keepAwake: s.keepAwake,
  keepInTray: s.keepInTray,
  keepRawLogs: s.keepRawLogs,
  rawLogMaxMb: String(Math.round((s.rawLogMaxBytes / MB) * 100) / 100),
});

function SettingsForm({ settings }: { settings: Settings }) {
  const api = useApi();
  const [draft, setDraft] = useState(() => toDraft(settings));
  const [saved, setSaved] = useState(false);
  const saving = useSaveSettings();
  const theme = useTheme();
  const language = useLanguage();
  const { t } = useTranslation();
  const set = (patch: Partial<SettingsDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
    // The last save's complaint was about the old values: editing clears it.
    if (saving.error) saving.reset();
  };
  const errorField = saving.error ? formFieldOf(saving.error) : null;
  const errorFor = (field: keyof Settings) => (errorField === field && saving.error ? plainMessage(saving.error.message) : undefined);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    saving.save(
      {
        maxConcurrentRuns: Number(draft.maxConcurrentRuns),
        defaultTimeoutSeconds: Number(draft.defaultTimeoutSeconds),
        claudePath: draft.claudePath.trim() === '' ? null : draft.claudePath.trim(),
        retentionDays: Number(draft.retentionDays),
        notifyOnCooldown: draft.notifyOnCooldown,
        launchAtLogin: draft.launchAtLogin,
        keepAwake: draft.keepAwake,
        keepInTray: draft.keepInTray,
        keepRawLogs: draft.keepRawLogs,
        // Whole bytes; what is not a number goes as is, so the contract names the problem.
        rawLogMaxBytes: draft.rawLogMaxMb.trim() === '' ? Number.NaN : Math.round(Number(draft.rawLogMaxMb) * MB),
      },
      () => setSaved(true),
    );
  };

  const saveClaudePath = async () => {
    const claudePath = draft.claudePath.trim() === '' ? null : draft.claudePath.trim();
    if (claudePath !== settings.claudePath) await saving.mutateAsync({ claudePath });
  };

  // The theme applies and is stored at once: nobody wants to press Save to see it.
  const onTheme = (preference: ThemePreference) => {
    theme.setPreference(preference);
    saving.save({ theme: preference });
  };

  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate>
      <fieldset className="form-section">
        <legend>{t('Appearance')}</legend>
        <Field label={t('Language')}>
          {(c) => (
            <select {...c} value={language.preference} onChange={(e) => language.setPreference(e.target.value as LanguagePreference)}>
              <option value="system">{t('System default')}</option>
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Theme">
          {(c) => (
            <select {...c} value={theme.preference} onChange={(e) => onTheme(e.target.value as ThemePreference)}>
              <option value="system">{t('System')}</option>
              <option value="light">{t('Light')}</option>
              <option value="dark">{t('Dark')}</option>
            </select>
          )}
        </Field>
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('Runs')}</legend>
        <div className="field-grid">
          <Field label="Max concurrent runs" error={errorFor('maxConcurrentRuns')}>
            {(c) => <input {...c} type="number" min={1} max={64} value={draft.maxConcurrentRuns} onChange={(e) => set({ maxConcurrentRuns: e.target.value })} />}
          </Field>
          <Field label="Default timeout (seconds)" error={errorFor('defaultTimeoutSeconds')}>
            {(c) => <input {...c} type="number" min={1} value={draft.defaultTimeoutSeconds} onChange={(e) => set({ defaultTimeoutSeconds: e.target.value })} />}
          </Field>
          <Field label="Retention (days)" error={errorFor('retentionDays')} hint="Older runs and their logs are deleted.">
            {(c) => <input {...c} type="number" min={1} max={3650} value={draft.retentionDays} onChange={(e) => set({ retentionDays: e.target.value })} />}
          </Field>
          <Field label="Full log cap (MB)" error={errorFor('rawLogMaxBytes')} hint="Past it, a run’s full log stops and says what it left out.">
            {(c) => <input {...c} type="number" min={1} value={draft.rawLogMaxMb} disabled={!draft.keepRawLogs} onChange={(e) => set({ rawLogMaxMb: e.target.value })} />}
          </Field>
        </div>
        <Checkbox
          label="Keep the full log of each run"
          checked={draft.keepRawLogs}
          onChange={(keepRawLogs) => set({ keepRawLogs })}
          hint="Besides the head and tail kept in the database, every line a run prints goes to a file beside it, secrets masked."
        />
      </fieldset>
      <fieldset className="form-section">
        <legend>Claude CLI</legend>
        <Field label="Claude CLI path" error={errorFor('claudePath')} hint="Empty finds claude on your login shell's PATH.">
          {(c) => <input {...c} className="mono" value={draft.claudePath} placeholder="claude" onChange={(e) => set({ claudePath: e.target.value })} />}
        </Field>
        <ClaudeCheck beforeCheck={saveClaudePath} />
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('System')}</legend>
        <EngineHolder />
        <Checkbox label="Notify when a cooldown starts and ends" checked={draft.notifyOnCooldown} onChange={(notifyOnCooldown) => set({ notifyOnCooldown })} />
        <Checkbox
          label="Launch at login"
          checked={draft.launchAtLogin}
          onChange={(launchAtLogin) => set({ launchAtLogin })}
          disabled={api.host === 'web'}
          hint={api.host === 'web' ? 'Only the desktop app can start at login.' : undefined}
        />
        <Checkbox
          label="Keep the computer awake while runs are due"
          checked={draft.keepAwake}
          onChange={(keepAwake) => set({ keepAwake })}
          hint={api.host === 'web' ? 'Takes effect in the desktop app.' : undefined}
        />
        <Checkbox
          label="Keep running in the tray"
          checked={draft.keepInTray}
          onChange={(keepInTray) => set({ keepInTray })}
          disabled={api.host === 'web'}
          hint={
            api.host === 'web'
              ? 'Only the desktop app has a tray.'
              : 'Linux: closing the window keeps the scheduler running even when no tray icon can be shown (macOS and Windows always do).'
          }
        />
      </fieldset>
      <div className="form-footer">
        {saving.error && !errorField && <ErrorAlert error={saving.error} />}
        {saved && <span className="check-ok">{t('Saved.')}</span>}
        <button type="submit" className="btn btn-primary" disabled={saving.isPending}>
          {t('Save')}
        </button>
      </div>
    </form>
  );
}

export function SettingsPage() {
  const settings = useSettings();
  return (
    <div className="page">
      <PageHeader title="Settings" />
      {settings.isPending && <Loading label="Loading settings…" />}
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && <SettingsForm settings={settings.data} />}
    </div>
  );
}
