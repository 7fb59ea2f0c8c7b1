import { useTranslation } from 'react-i18next';
import type { JobsImportReport, LegacyImportReport } from '../../../src-shared/files-types';

function NameList({ label, names }: { label: string; names: string[] }) {
  if (!names.length) return null;
  return (
    <li>
      <strong>{label}</strong> ({names.length}): {names.join(', ')}
    </li>
  );
}

/** What a jobs-file import did, or — for a dry run — would do. */
export function JobsImportSummary({ report }: { report: JobsImportReport }) {
  const { t } = useTranslation();
  // Whole sentences per case, not "Jobs" + "would be" + "created": other languages order them differently.
  const dry = report.dryRun;
  return (
    <div className="import-report" role="status">
      <p>{report.dryRun ? t('Checked {{file}}: nothing is written until you import.', { file: report.file }) : t('Imported {{file}}.', { file: report.file })}</p>
      <ul>
        <NameList label={dry ? t('Jobs would be created') : t('Jobs were created')} names={report.jobs.created} />
        <NameList label={dry ? t('Jobs would be updated') : t('Jobs were updated')} names={report.jobs.updated} />
        <NameList label={dry ? t('Jobs would be deleted') : t('Jobs were deleted')} names={report.jobs.deleted} />
        <NameList label={t('Jobs unchanged')} names={report.jobs.unchanged} />
        <NameList label={dry ? t('Prompts would be created') : t('Prompts were created')} names={report.prompts.created} />
        <NameList label={dry ? t('Prompts would be updated') : t('Prompts were updated')} names={report.prompts.updated} />
      </ul>
      {report.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
    </div>
  );
}

/** What the legacy import mapped and skipped, and why. */
export function LegacyImportSummary({ report }: { report: LegacyImportReport }) {
  const { t } = useTranslation();
  return (
    <div className="import-report" role="status">
      <p>
        {report.dryRun ? t('Preview of {{file}}', { file: report.source }) : t('Imported from {{file}}', { file: report.source })} — {report.layouts.join('; ')}
      </p>
      <ul>
        {report.prompts.mapped.map((p) => (
          <li key={p.legacy}>
            {p.legacy} → {t('prompt')} “{p.title}”
          </li>
        ))}
        {report.jobs.mapped.map((j) => (
          <li key={j.legacy}>
            {j.legacy} → {t('job')} “{j.name}” ({j.schedule}, {j.enabled ? t('enabled') : t('paused')})
            {j.notes.length ? <span className="muted"> — {j.notes.join('; ')}</span> : null}
          </li>
        ))}
        {[...report.prompts.skipped, ...report.jobs.skipped].map((s) => (
          <li key={s.legacy} className="muted">
            {s.legacy} {t('skipped')}: {s.reason}
          </li>
        ))}
      </ul>
      {report.withHistory && <p>{t('Past runs imported: {{count}}', { count: report.runs.imported })}</p>}
    </div>
  );
}
