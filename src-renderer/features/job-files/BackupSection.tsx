import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveSettings, useSettings } from '../../api/system';
import { ErrorAlert } from '../../components/ErrorAlert';

/** The daily automatic backup (core/maintenance): on or off, and how many copies to keep. */
export function BackupSection() {
  const { t } = useTranslation();
  const settings = useSettings();
  const saver = useSaveSettings();
  const [keep, setKeep] = useState('7');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data) setKeep(String(settings.data.autoBackupKeep));
  }, [settings.data]);
  if (!settings.data) return null;
  const s = settings.data;
  const save = (patch: { autoBackup?: boolean; autoBackupKeep?: number }) => {
    setSaved(false);
    saver.save(patch, () => setSaved(true));
  };
  return (
    <section className="files-section" aria-labelledby="backup-title">
      <h2 id="backup-title">{t('Automatic backups')}</h2>
      <p className="muted">
        {t('Once a day, an online copy of the database in {{dir}}, keeping the newest ones.', { dir: s.backupDir ?? t('a backups folder beside the database') })}{' '}
        {t('`cnp db backup FILE` takes one now.')}
      </p>
      <div className="files-row">
        <label>
          <input type="checkbox" checked={s.autoBackup} disabled={saver.isPending} onChange={(e) => save({ autoBackup: e.target.checked })} /> {t('Back up daily')}
        </label>
        <label>
          {t('Copies to keep')} <input type="number" min={1} max={365} value={keep} onChange={(e) => setKeep(e.target.value)} />
        </label>
        <button type="button" className="btn btn-small" disabled={saver.isPending || keep === String(s.autoBackupKeep)} onClick={() => save({ autoBackupKeep: Number(keep) })}>
          {t('Save')}
        </button>
        {saved && <span role="status">{t('Saved.')}</span>}
      </div>
      <ErrorAlert error={saver.error} />
    </section>
  );
}
