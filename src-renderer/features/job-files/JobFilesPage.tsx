import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobsImportReport, LegacyImportReport } from '../../../src-shared/files-types';
import { useExportJobs, useImportJobs, useLegacyCandidates, useLegacyImport } from '../../api/job-files';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { BackupSection } from './BackupSection';
import { JobsImportSummary, LegacyImportSummary } from './reports';
import './job-files.css';

/** Saves text as a file through the browser (works in Electron and in `cnp serve`'s page alike). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** A chosen file's text (FileReader: every browser engine and jsdom have it). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('Cannot read the file'));
    reader.readAsText(file);
  });
}

function ExportSection() {
  const { t } = useTranslation();
  const exporter = useExportJobs();
  const [tag, setTag] = useState('');
  return (
    <section className="files-section" aria-labelledby="export-title">
      <h2 id="export-title">{t('Export jobs')}</h2>
      <p className="muted">{t('Jobs and the prompts they use, as a YAML file (it holds secrets as stored: keep it private).')}</p>
      <div className="files-row">
        <label>
          {t('Only tag')} <input value={tag} onChange={(e) => setTag(e.target.value)} placeholder={t('all jobs')} />
        </label>
        <button
          type="button"
          className="btn btn-primary"
          disabled={exporter.isPending}
          onClick={() =>
            exporter.mutate(tag.trim() ? { tag: tag.trim() } : {}, {
              onSuccess: (r) => download(tag.trim() ? `jobs-${tag.trim()}.yaml` : 'jobs.yaml', r.yaml),
            })
          }
        >
          {t('Export YAML')}
        </button>
      </div>
      {exporter.data && <p role="status">{t('Exported {{jobs}} job(s) and {{prompts}} prompt(s).', { jobs: exporter.data.jobs, prompts: exporter.data.prompts })}</p>}
      <ErrorAlert error={exporter.error} />
    </section>
  );
}

function ImportSection() {
  const { t } = useTranslation();
  const importer = useImportJobs();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [prune, setPrune] = useState(false);
  const [report, setReport] = useState<JobsImportReport | null>(null);
  const run = (dryRun: boolean) => {
    if (!file) return;
    importer.mutate({ text: file.text, fileName: file.name, dryRun, prune }, { onSuccess: setReport });
  };
  return (
    <section className="files-section" aria-labelledby="import-title">
      <h2 id="import-title">{t('Import jobs')}</h2>
      <p className="muted">{t('Creates or updates jobs matched by name, all or nothing. Check the file first, then import.')}</p>
      <div className="files-row">
        <label>
          {t('YAML file')}{' '}
          <input
            type="file"
            accept=".yaml,.yml,application/yaml,text/yaml"
            onChange={(e) => {
              const f = e.target.files?.[0];
              setReport(null);
              importer.reset();
              if (f) void readText(f).then((text) => setFile({ name: f.name, text }));
              else setFile(null);
            }}
          />
        </label>
        <label>
          <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} /> {t('Delete jobs the file does not name')}
        </label>
      </div>
      <div className="files-row">
        <button type="button" className="btn" disabled={!file || importer.isPending} onClick={() => run(true)}>
          {t('Check')}
        </button>
        <button type="button" className="btn btn-primary" disabled={!file || !report?.dryRun || importer.isPending} onClick={() => run(false)}>
          {t('Import')}
        </button>
      </div>
      {importer.error && <pre className="import-errors" role="alert">{importer.error.message}</pre>}
      {report && <JobsImportSummary report={report} />}
    </section>
  );
}

export function LegacySection() {
  const { t } = useTranslation();
  const found = useLegacyCandidates();
  const importer = useLegacyImport();
  const [path, setPath] = useState('');
  const [history, setHistory] = useState(false);
  const [report, setReport] = useState<LegacyImportReport | null>(null);
  const run = (dryRun: boolean) => importer.mutate({ path: path.trim(), dryRun, withHistory: history }, { onSuccess: setReport });
  return (
    <section className="files-section" aria-labelledby="legacy-title">
      <h2 id="legacy-title">{t('Import from the original Night Pilot')}</h2>
      <p className="muted">{t('Reads its claude-pilot.db or claude-night-pilot.db read-only; importing twice adds nothing.')}</p>
      {found.data?.candidates.length ? (
        <p>
          {t('Found:')}{' '}
          {found.data.candidates.map((c) => (
            <button key={c.path} type="button" className="btn btn-small" onClick={() => setPath(c.path)}>
              {c.path} ({c.jobs} {t('jobs')}, {c.prompts} {t('prompts')})
            </button>
          ))}
        </p>
      ) : null}
      <div className="files-row">
        <label>
          {t('Database file')} <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="~/.local/share/…/claude-night-pilot.db" size={50} />
        </label>
        <label>
          <input type="checkbox" checked={history} onChange={(e) => setHistory(e.target.checked)} /> {t('Also import past results')}
        </label>
      </div>
      <div className="files-row">
        <button type="button" className="btn" disabled={!path.trim() || importer.isPending} onClick={() => run(true)}>
          {t('Preview')}
        </button>
        <button type="button" className="btn btn-primary" disabled={!path.trim() || importer.isPending} onClick={() => run(false)}>
          {t('Import old data')}
        </button>
      </div>
      <ErrorAlert error={importer.error} />
      {report && <LegacyImportSummary report={report} />}
    </section>
  );
}

/** Import & export: jobs as YAML files, and the original app's data. */
export function JobFilesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('Import & export')} subtitle={t('Jobs as YAML files (docs/jobs-yaml.md) and data from the original Night Pilot.')} />
      <ExportSection />
      <ImportSection />
      <LegacySection />
      <BackupSection />
    </>
  );
}
