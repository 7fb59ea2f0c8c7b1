/** Results of the jobs-as-files calls (issue 12), shared by the CLI and the UI. */

export interface JobsExport {
  yaml: string;
  jobs: number;
  prompts: number;
  /** Names used by more than one exported job: such a file will not import until they differ. */
  duplicateNames: string[];
}

export interface JobsImportReport {
  file: string;
  dryRun: boolean;
  prompts: { created: string[]; updated: string[]; unchanged: string[] };
  jobs: { created: string[]; updated: string[]; unchanged: string[]; deleted: string[] };
  notes: string[];
}

export interface LegacyImportReport {
  source: string;
  /** The layouts found (LEGACY-DB.md), in words. */
  layouts: string[];
  dryRun: boolean;
  withHistory: boolean;
  prompts: { mapped: { legacy: string; title: string; id: number }[]; skipped: { legacy: string; reason: string }[] };
  jobs: {
    mapped: { legacy: string; name: string; id: number; enabled: boolean; schedule: string; notes: string[] }[];
    skipped: { legacy: string; name: string; reason: string }[];
  };
  /** History (with --with-history): runs skipped are counted by reason. */
  runs: { imported: number; skipped: { reason: string; count: number }[] };
}

/** An old database found in one of the usual places, offered for import on first start. */
export interface LegacyCandidate {
  path: string;
  layouts: string[];
  prompts: number;
  jobs: number;
  /** Something was imported from this file before. */
  imported: boolean;
}
