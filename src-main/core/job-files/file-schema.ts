import { z } from 'zod';
import {
  AFTER_MODES,
  BACKOFF_KINDS,
  CHAIN_CONDITIONS,
  CATCH_UP_POLICIES,
  HTTP_METHODS,
  JOB_KINDS,
  OVERLAP_POLICIES,
  PERMISSION_MODES,
  SCHEDULE_TYPES,
} from '../../../src-shared/domain';
import { DURATION_PATTERN } from './durations';

/**
 * The jobs file (docs/jobs-yaml.md): snake_case, close to seed 002's example, every object strict
 * so a misspelt field is an error rather than silently ignored. Only structure lives here; what
 * needs the scheduler or the database (cron, zones, prompt ids, duplicate names) is checked on import.
 * The JSON Schema shipped for editors (schemas/jobs.schema.json) is generated from this.
 */
const Duration = z
  .union([z.number().min(0), z.string().regex(new RegExp(DURATION_PATTERN), 'must be a duration such as 90s, 15m, 1h30m or a number of seconds')])
  .meta({ description: 'Seconds as a number, or text such as 90s, 15m, 2h, 1h30m, 1d.' });

const Text = (what: string) => z.string().trim().min(1, `${what} cannot be empty`);

export const ScheduleEntry = z
  .strictObject({
    type: z.enum(SCHEDULE_TYPES).meta({ description: 'cron | interval | once | manual' }),
    expression: Text('the cron expression').optional().meta({ description: 'Cron expression with 5 or 6 fields (type cron).' }),
    every: Duration.optional().meta({ description: 'How often (type interval), e.g. 15m.' }),
    at: Text('the date-time')
      .optional()
      .meta({ description: 'ISO-8601 date-time with Z or an offset (type once), e.g. 2026-12-01T01:00:00Z.' }),
    timezone: Text('the timezone').optional().meta({ description: "IANA timezone, e.g. Asia/Taipei; default the importing machine's zone." }),
  })
  .meta({ description: 'When the job runs.' });

export const HttpEntry = z.strictObject({
  url: Text('the URL'),
  method: z.enum(HTTP_METHODS).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  expect_status: z.array(z.number().int()).optional().meta({ description: 'Status codes that count as success; default any 2xx.' }),
});

export const WorktreeEntry = z.strictObject({
  enabled: z.boolean().optional(),
  keep: z.enum(['always', 'on_failure', 'never']).optional(),
  base_ref: Text('the base ref').optional(),
});

export const ExecutionEntry = z.strictObject({
  timeout_seconds: Duration.optional().meta({ description: 'Stop the run after this long; absent means the default timeout.' }),
  working_directory: Text('the working directory').optional(),
  environment: z.record(z.string(), z.string()).optional(),
  model: Text('the model').optional(),
  fallback_model: Text('the fallback model').optional(),
  fallback_on_limit: z.boolean().optional().meta({ description: "While the model's weekly limit holds, run on fallback_model instead of waiting." }),
  max_turns: z.number().int().optional(),
  max_budget_usd: z.number().optional(),
  permission_mode: z.enum(PERMISSION_MODES).optional(),
  allowed_tools: z.array(z.string()).optional(),
  disallowed_tools: z.array(z.string()).optional(),
  append_system_prompt: z.string().optional(),
  add_dirs: z.array(z.string()).optional(),
  mcp_config: Text('the MCP config').optional(),
  resume_session_id: Text('the session id').optional(),
  continue_session: z.boolean().optional(),
  dangerously_skip_permissions: z.boolean().optional(),
  worktree: WorktreeEntry.optional(),
});

export const RetryEntry = z.strictObject({
  max_attempts: z.number().int().min(1, 'must be at least 1 (the first attempt)').optional().meta({ description: 'Attempts in all, the first included; 1 = never retry.' }),
  strategy: z.enum(BACKOFF_KINDS).optional().meta({ description: 'fixed | linear | exponential | ladder' }),
  initial_interval: Duration.optional(),
  max_interval: Duration.optional(),
  multiplier: z.number().optional().meta({ description: 'Growth per retry for exponential (default 2).' }),
  delays: z.array(Duration).optional().meta({ description: 'The ladder: one wait per retry, the last repeating, e.g. [30s, 60s, 5m].' }),
  jitter: z.number().optional().meta({ description: '0-1: the share of each wait that is randomised.' }),
});

export const NotificationsEntry = z.strictObject({
  on_failure: z.boolean().optional(),
  on_success: z.boolean().optional(),
  webhook_url: Text('the webhook URL').optional(),
  on_alert: z.boolean().optional().meta({ description: "Whether this job's alerts are delivered (default true)." }),
  channels: z.array(z.number().int().positive()).optional().meta({ description: 'Notification channel ids of the database; absent means every enabled channel.' }),
  failure_threshold: z.number().int().optional().meta({ description: 'Failures in a row that open an alert; absent means the global setting.' }),
});

export const AfterEntry = z.strictObject({
  job: Text('the upstream job name').meta({ description: 'The name of a job in this file or in the database.' }),
  condition: z.enum(CHAIN_CONDITIONS).optional().meta({ description: 'success (default) | failure | always' }),
});

export const JobEntry = z.strictObject({
  name: Text('the name').meta({ description: 'Unique in the file; import updates the job with this name.' }),
  kind: z.enum(JOB_KINDS).optional().meta({ description: 'Optional: follows from prompt / command / http.' }),
  prompt: z.string().min(1, 'the prompt cannot be empty').optional().meta({ description: 'The prompt text (Claude job).' }),
  prompt_id: z.number().int().positive().optional().meta({ description: 'A saved prompt in the database the file is imported into.' }),
  prompt_ref: Text('the prompt reference').optional().meta({ description: "The title of a prompt in this file's prompts list." }),
  command: Text('the command').optional().meta({ description: 'A shell command (shell job).' }),
  http: HttpEntry.optional(),
  schedule: ScheduleEntry,
  enabled: z.boolean().optional(),
  priority: z.number().int().optional(),
  overlap: z.enum(OVERLAP_POLICIES).optional(),
  catch_up: z.enum(CATCH_UP_POLICIES).optional(),
  execution: ExecutionEntry.optional(),
  retry: RetryEntry.optional(),
  notifications: NotificationsEntry.optional(),
  tags: z.array(z.string()).optional(),
  after: z.array(AfterEntry).optional().meta({ description: 'Run after these jobs finish (chains).' }),
  after_mode: z.enum(AFTER_MODES).optional().meta({ description: 'all (default): after every upstream; any: after any one.' }),
});

export const PromptEntry = z.strictObject({
  title: Text('the title').meta({ description: 'Unique in the file; jobs refer to it with prompt_ref.' }),
  body: z.string().min(1, 'the body cannot be empty'),
  tags: z.array(z.string()).optional(),
});

export const JobsFileSchema = z
  .strictObject({
    version: z.literal(1).optional().meta({ description: 'The format version; 1.' }),
    prompts: z.array(PromptEntry).optional(),
    jobs: z.array(JobEntry),
  })
  .meta({ title: 'Claude Night Pilot jobs file', description: 'Jobs for `cnp job import`; see docs/jobs-yaml.md.' });

export type JobsFile = z.output<typeof JobsFileSchema>;
export type JobEntry = z.output<typeof JobEntry>;
export type PromptEntry = z.output<typeof PromptEntry>;

export const JOBS_SCHEMA_ID = 'urn:claude-night-pilot:jobs-file:1';

/** The JSON Schema editors use (yaml-language-server, VS Code): generated, never written by hand. */
export function jobsFileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(JobsFileSchema, { io: 'input', target: 'draft-2020-12' });
  return { ...schema, $id: JOBS_SCHEMA_ID };
}
