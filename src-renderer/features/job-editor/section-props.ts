import type { JobDraft } from './job-draft';

export interface SectionProps {
  draft: JobDraft;
  set: (patch: Partial<JobDraft>) => void;
  /** The save error's message when it names `path` or a field inside it. */
  errorFor: (path: string) => string | undefined;
}

/** Every field path the form can show an error at; anything else is shown above the buttons. */
export const FORM_FIELDS = [
  'name',
  'kind',
  'prompt',
  'promptId',
  'command',
  'http.url',
  'http.method',
  'http.headers',
  'http.body',
  'http.expectStatus',
  'schedule.type',
  'schedule.cron',
  'schedule.timezone',
  'schedule.everySeconds',
  'schedule.at',
  'enabled',
  'priority',
  'timeoutSeconds',
  'retry.maxRetries',
  'retry.backoff',
  'retry.delaySeconds',
  'overlap',
  'catchUp',
  'options.model',
  'options.maxTurns',
  'options.permissionMode',
  'options.allowedTools',
  'options.cwd',
  'options.worktree',
  'options.dangerouslySkipPermissions',
  'notify.onFailure',
  'notify.onSuccess',
  'notify.webhookUrl',
  'notify.failureThreshold',
  'notify.channels',
  'tags',
  'after',
  'afterMode',
] as const;

export const fieldMatches = (errorField: string, path: string) => errorField === path || errorField.startsWith(`${path}.`);
