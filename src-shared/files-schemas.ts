import { z } from 'zod';

/** Inputs of the jobs-as-files calls (issue 12): YAML export/import and the legacy import. */

export const JobsExportInput = z
  .strictObject({
    tag: z.string().trim().min(1, 'a tag cannot be empty').optional(),
  })
  .default({});

export const JobsImportInput = z.strictObject({
  /** The YAML text itself: the UI reads the file in the browser, the CLI from disk. */
  text: z.string().max(20_000_000, 'the file is larger than 20 MB'),
  fileName: z.string().trim().min(1).max(500).default('jobs.yaml'),
  dryRun: z.boolean().default(false),
  prune: z.boolean().default(false),
});

export const LegacyImportInput = z.strictObject({
  path: z.string().trim().min(1, 'give the path of the old database'),
  dryRun: z.boolean().default(false),
  withHistory: z.boolean().default(false),
});

export const LegacyDismissInput = z.strictObject({
  path: z.string().trim().min(1, 'give the path of the old database'),
});
