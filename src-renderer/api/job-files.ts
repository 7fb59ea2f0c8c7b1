import { useCallMutation, useCallQuery } from './call';

/** Jobs as files (issue 12): YAML export/import and the import from the original Night Pilot. */
export const useExportJobs = () => useCallMutation('jobFiles.export');
export const useImportJobs = () => useCallMutation('jobFiles.import', ['jobs.list', 'prompts.list', 'dashboard.summary']);
export const useLegacyCandidates = () => useCallQuery('legacy.discover', {}, { staleTime: Infinity, retry: false });
export const useLegacyImport = () => useCallMutation('legacy.import', ['jobs.list', 'prompts.list', 'legacy.discover', 'runs.list']);
export const useDismissLegacy = () => useCallMutation('legacy.dismiss', ['legacy.discover']);
