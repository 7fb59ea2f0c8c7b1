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
  RUN_STATUSES,
  RUN_TRIGGERS,
  SCHEDULE_TYPES,
} from './domain';

/** Inputs of every contract call. Validated in main (IPC), in `cnp serve` (HTTP) and by the CLI. */

export const Id = z.number({ error: 'must be a number' }).int('must be a whole number').positive('must be positive');
const Tag = z.string().trim().min(1, 'a tag cannot be empty').max(50, 'a tag is at most 50 characters');
const Tags = z.array(Tag).max(50);
const IsoInstant = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2026-12-01T09:00:00Z' });

export const PromptCreateInput = z.strictObject({
  title: z.string().trim().min(1, 'a prompt needs a title').max(200),
  body: z.string().min(1, 'a prompt needs a body').max(1_000_000),
  tags: Tags.default([]),
});
export const PromptUpdateInput = z.strictObject({
  id: Id,
  title: z.string().trim().min(1, 'a prompt needs a title').max(200).optional(),
  body: z.string().min(1, 'a prompt needs a body').max(1_000_000).optional(),
  tags: Tags.optional(),
});
export const PromptListInput = z.strictObject({ tag: z.string().optional(), search: z.string().optional() }).default({});

export const ScheduleInput = z.strictObject({
  type: z.enum(SCHEDULE_TYPES),
  cron: z.string().trim().optional(),
  everySeconds: z
    .number()
    .min(1, 'must be at least 1 second')
    .max(366 * 86_400, 'must be at most 366 days')
    .optional(),
  at: IsoInstant.optional(),
  timezone: z.string().trim().min(1).optional(),
});

const HttpInput = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }),
  method: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.enum(HTTP_METHODS))
    .default('GET'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().max(1_000_000).optional(),
  expectStatus: z.array(z.number().int().min(100).max(599)).default([]),
});

const WorktreeInput = z.strictObject({
  enabled: z.boolean().default(false),
  keep: z.enum(['always', 'on_failure', 'never']).default('on_failure'),
  baseRef: z.string().trim().min(1).optional(),
});

export const ExecutionOptionsInput = z.strictObject({
  cwd: z.string().trim().min(1).optional(),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a valid environment variable name'), z.string()).optional(),
  model: z.string().trim().min(1).optional(),
  fallbackModel: z.string().trim().min(1).optional(),
  fallbackOnLimit: z.boolean().optional(),
  maxTurns: z.number().int().positive().max(10_000).optional(),
  maxBudgetUsd: z.number().positive().optional(),
  permissionMode: z.enum(PERMISSION_MODES).optional(),
  allowedTools: z.array(z.string().trim().min(1)).optional(),
  disallowedTools: z.array(z.string().trim().min(1)).optional(),
  appendSystemPrompt: z.string().optional(),
  addDirs: z.array(z.string().trim().min(1)).optional(),
  mcpConfig: z.string().trim().min(1).optional(),
  resumeSessionId: z.string().trim().min(1).optional(),
  continueSession: z.boolean().optional(),
  dangerouslySkipPermissions: z.boolean().optional(),
  worktree: WorktreeInput.optional(),
});

export const RetryInput = z
  .strictObject({
    maxRetries: z.number().int().min(0).max(100).default(0),
    backoff: z.enum(BACKOFF_KINDS).default('exponential'),
    delaySeconds: z.number().min(0).max(86_400).default(60),
    maxDelaySeconds: z.number().min(0).max(7 * 86_400).default(3600),
    jitter: z.number().min(0).max(1).default(0.1),
    multiplier: z.number().min(1, 'must be at least 1').max(100, 'must be 100 or less').optional(),
    delaysSeconds: z
      .array(z.number().min(0, 'a wait cannot be negative').max(7 * 86_400, 'a wait is at most 7 days'))
      .min(1, 'needs at least one wait')
      .max(100, 'at most 100 waits')
      .optional(),
  })
  .superRefine((r, ctx) => {
    // A ladder without steps would silently fall back to something the user did not ask for.
    if (r.backoff === 'ladder' && !r.delaysSeconds?.length) {
      ctx.addIssue({ code: 'custom', path: ['delaysSeconds'], message: 'the ladder backoff needs its list of waits, e.g. 30s,60s,5m' });
    }
  });

export const NotifyInput = z.strictObject({
  onFailure: z.boolean().default(true),
  onSuccess: z.boolean().default(false),
  webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
  onAlert: z.boolean().optional(),
  channels: z.array(Id).max(50).optional(),
  failureThreshold: z.number().int('must be a whole number').min(1, 'must be 1-100').max(100, 'must be 1-100').optional(),
});

export const MAX_UPSTREAMS = 50;
export const JobLinkInput = z.strictObject({
  jobId: Id,
  condition: z.enum(CHAIN_CONDITIONS, { error: `must be one of ${CHAIN_CONDITIONS.join(', ')}` }).default('success'),
});

/** Fields a job is made of; create requires name/kind/schedule, update takes any subset. */
const jobFields = {
  name: z.string().trim().min(1, 'a job needs a name').max(200),
  kind: z.enum(JOB_KINDS),
  promptId: Id.nullable().optional(),
  prompt: z.string().min(1, 'the prompt cannot be empty').max(1_000_000).nullable().optional(),
  command: z.string().trim().min(1, 'the command cannot be empty').max(100_000).nullable().optional(),
  http: HttpInput.nullable().optional(),
  schedule: ScheduleInput,
  enabled: z.boolean().optional(),
  priority: z.number().int('must be a whole number').min(1, 'must be 1-10').max(10, 'must be 1-10').optional(),
  overlap: z.enum(OVERLAP_POLICIES).optional(),
  catchUp: z.enum(CATCH_UP_POLICIES).optional(),
  timeoutSeconds: z.number().positive('must be positive').max(7 * 86_400).nullable().optional(),
  retry: RetryInput.optional(),
  options: ExecutionOptionsInput.optional(),
  notify: NotifyInput.optional(),
  tags: Tags.optional(),
  /** Upstream jobs; on update the list replaces the current one (an empty list clears it). */
  after: z.array(JobLinkInput).max(MAX_UPSTREAMS, `a job can run after at most ${MAX_UPSTREAMS} jobs`).optional(),
  afterMode: z.enum(AFTER_MODES, { error: `must be one of ${AFTER_MODES.join(', ')}` }).optional(),
};

export const JobCreateInput = z.strictObject(jobFields);
export const JobUpdateInput = z.strictObject({
  id: Id,
  patch: z.strictObject(jobFields).partial(),
});
export const JobListInput = z
  .strictObject({
    tag: z.string().optional(),
    enabled: z.boolean().optional(),
    kind: z.enum(JOB_KINDS).optional(),
    search: z.string().optional(),
    limit: z.number().int().positive().max(100_000).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .default({});
export const SchedulePreviewInput = z.strictObject({
  schedule: ScheduleInput,
  count: z.number().int().min(1).max(100).default(5),
  from: IsoInstant.optional(),
});

export const RunListInput = z
  .strictObject({
    jobId: Id.optional(),
    status: z.enum(RUN_STATUSES).optional(),
    trigger: z.enum(RUN_TRIGGERS).optional(),
    since: IsoInstant.optional(),
    until: IsoInstant.optional(),
    limit: z.number().int().positive().max(10_000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .default({ limit: 100, offset: 0 });
export const RunEventsInput = z.strictObject({
  runId: Id,
  afterSeq: z.number().int().min(0).default(0),
  limit: z.number().int().positive().max(100_000).default(5000),
});

export const RunRawLogInput = z.strictObject({ runId: Id });

export const UsageInput = z
  .strictObject({
    since: IsoInstant.optional(),
    by: z.enum(['day', 'job', 'model']).default('day'),
  })
  .default({ by: 'day' });

export const SinceLastVisitInput = z.strictObject({ since: IsoInstant.optional() }).default({});

export const SettingsPatchInput = z.strictObject({
  maxConcurrentRuns: z.number().int().min(1).max(64).optional(),
  defaultTimeoutSeconds: z.number().int().positive().max(7 * 86_400).optional(),
  claudePath: z.string().trim().min(1).nullable().optional(),
  retentionDays: z.number().int().min(1).max(3650).optional(),
  maxEventsPerRun: z.number().int().min(100).max(10_000_000).optional(),
  maxOutputBytesPerRun: z.number().int().min(64 * 1024).max(10 * 1024 ** 3).optional(),
  cooldownDefaultWaitSeconds: z.number().int().min(60).max(7 * 86_400).optional(),
  cooldownMarginSeconds: z.number().int().min(0).max(3600).optional(),
  notifyOnCooldown: z.boolean().optional(),
  launchAtLogin: z.boolean().optional(),
  keepAwake: z.boolean().optional(),
  keepInTray: z.boolean().optional(),
  theme: z.enum(['light', 'dark', 'system']).optional(),
  alertFailureThreshold: z.number().int('must be a whole number').min(1, 'must be 1-100').max(100, 'must be 1-100').optional(),
  stallThresholdSeconds: z.number().int('must be a whole number').min(5, 'must be at least 5 seconds').max(7 * 86_400).optional(),
  alertOnCooldown: z.boolean().optional(),
  autoBackup: z.boolean().optional(),
  autoBackupKeep: z.number().int().min(1, 'keep at least one backup').max(365).optional(),
  backupDir: z.string().trim().min(1).nullable().optional(),
  keepRawLogs: z.boolean('must be true or false').optional(),
  rawLogMaxBytes: z
    .number('must be a number of bytes')
    .int('must be a whole number of bytes')
    .min(1024 * 1024, 'must be at least 1 MB (1048576 bytes)')
    .max(1024 ** 4, 'must be at most 1 TB (1099511627776 bytes)')
    .optional(),
});

export const Empty = z.strictObject({}).default({});
export const ById = z.strictObject({ id: Id });
/** `showSecrets` returns credentials (headers, webhook URLs, env values) unmasked, for the owner. */
export const JobGetInput = z.strictObject({ id: Id, showSecrets: z.boolean().optional() });

export type PromptCreate = z.output<typeof PromptCreateInput>;
export type JobCreate = z.output<typeof JobCreateInput>;
export type JobPatch = z.output<typeof JobUpdateInput>['patch'];
export type JobLinkIn = z.output<typeof JobLinkInput>;
export type ScheduleIn = z.output<typeof ScheduleInput>;
