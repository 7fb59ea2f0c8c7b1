import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/call';
import type { JobPrefill } from '../../routing';
import { draftFromJob, emptyDraft, type JobDraft } from './job-draft';
import { JOB_TEMPLATES } from './templates';

/**
 * The draft a new job starts from. "Schedule this" on a run copies what that run did (prompt or
 * command, folder, model, options) onto a nightly schedule; on a prompt it uses that prompt and its tags.
 */
export function usePrefillDraft(prefill: JobPrefill): { draft: JobDraft | null; error: string | null } {
  const { t } = useTranslation();
  const runId = prefill && 'fromRun' in prefill ? prefill.fromRun : 0;
  const run = useCallQuery('runs.get', { id: runId }, { enabled: runId > 0 });
  const job = useCallQuery('jobs.get', { id: run.data?.jobId ?? 0 }, { enabled: run.data !== undefined });
  const promptId = prefill && 'fromPrompt' in prefill ? prefill.fromPrompt : 0;
  const prompt = useCallQuery('prompts.get', { id: promptId }, { enabled: promptId > 0 });

  if (prefill === null) return { draft: emptyDraft(), error: null };
  if ('template' in prefill) {
    const template = JOB_TEMPLATES.find((t) => t.id === prefill.template);
    return { draft: { ...emptyDraft(), ...template?.patch }, error: template ? null : t('There is no template “{{id}}”.', { id: prefill.template }) };
  }
  if ('fromRun' in prefill) {
    const failed = run.error ?? job.error;
    if (failed) return { draft: null, error: failed.message };
    if (!job.data) return { draft: null, error: null };
    const from = draftFromJob(job.data);
    return {
      draft: { ...from, name: t('{{name}} (scheduled)', { name: job.data.name }), scheduleType: 'cron', cron: from.scheduleType === 'cron' && from.cron ? from.cron : '0 2 * * *', enabled: true },
      error: null,
    };
  }
  if (prompt.error) return { draft: null, error: prompt.error.message };
  if (!prompt.data) return { draft: null, error: null };
  // The prompt's tags come along: a library organised by tags gives jobs that filter the same way.
  return { draft: { ...emptyDraft(), name: prompt.data.title, kind: 'claude', promptSource: prompt.data.id, cron: '0 2 * * *', tags: prompt.data.tags.join(', ') }, error: null };
}
