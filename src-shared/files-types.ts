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
