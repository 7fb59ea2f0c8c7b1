import type { Path } from './parse';

const OPTION_FIELDS: Record<string, string> = {
  cwd: 'working_directory',
  env: 'environment',
  model: 'model',
  fallbackModel: 'fallback_model',
  fallbackOnLimit: 'fallback_on_limit',
  maxTurns: 'max_turns',
  maxBudgetUsd: 'max_budget_usd',
  permissionMode: 'permission_mode',
  allowedTools: 'allowed_tools',
  disallowedTools: 'disallowed_tools',
  appendSystemPrompt: 'append_system_prompt',
  addDirs: 'add_dirs',
  mcpConfig: 'mcp_config',
  resumeSessionId: 'resume_session_id',
  continueSession: 'continue_session',
  dangerouslySkipPermissions: 'dangerously_skip_permissions',
  worktree: 'worktree',
};
const RETRY_FIELDS: Record<string, string> = {
  maxRetries: 'max_attempts',
  backoff: 'strategy',
  delaySeconds: 'initial_interval',
  maxDelaySeconds: 'max_interval',
  multiplier: 'multiplier',
  delaysSeconds: 'delays',
  jitter: 'jitter',
};
const SCHEDULE_FIELDS: Record<string, string> = { cron: 'expression', everySeconds: 'every', at: 'at', timezone: 'timezone', type: 'type' };
const NOTIFY_FIELDS: Record<string, string> = {
  onFailure: 'on_failure',
  onSuccess: 'on_success',
  webhookUrl: 'webhook_url',
  onAlert: 'on_alert',
  channels: 'channels',
  failureThreshold: 'failure_threshold',
};
const TOP_FIELDS: Record<string, string> = { promptId: 'prompt_id', catchUp: 'catch_up', timeoutSeconds: 'execution.timeout_seconds', afterMode: 'after_mode' };

/**
 * A field as the contract names it (`schedule.cron`, `options.cwd`, `retry.maxRetries`) → where
 * it is in a jobs file entry (`schedule.expression`, `execution.working_directory`, `retry.max_attempts`).
 */
export function fileFieldOf(domain: Path): Path {
  const [head, sub, ...rest] = domain.map((p) => (typeof p === 'number' ? p : String(p)));
  if (head === undefined) return [];
  const tail = rest as Path;
  if (head === 'schedule' && typeof sub === 'string') return ['schedule', SCHEDULE_FIELDS[sub] ?? sub, ...tail];
  if (head === 'options' && typeof sub === 'string') return ['execution', OPTION_FIELDS[sub] ?? sub, ...tail];
  if (head === 'options') return ['execution'];
  if (head === 'retry' && typeof sub === 'string') return ['retry', RETRY_FIELDS[sub] ?? sub, ...tail];
  if (head === 'notify') return typeof sub === 'string' ? ['notifications', NOTIFY_FIELDS[sub] ?? sub, ...tail] : ['notifications'];
  if (head === 'http' && sub === 'expectStatus') return ['http', 'expect_status', ...tail];
  const mapped = TOP_FIELDS[head as string];
  if (mapped) return [...mapped.split('.'), ...(sub !== undefined ? [sub] : []), ...tail];
  return [head, ...(sub !== undefined ? [sub] : []), ...tail];
}
