import { z } from 'zod';
import { PERMISSION_MODES, type PermissionMode } from '../../../../src-shared/domain';
import { validationError } from '../../../../src-shared/errors';

export interface ClaudeOptions {
  model?: string;
  fallbackModel?: string;
  maxTurns?: number;
  maxBudgetUsd?: number;
  permissionMode?: PermissionMode;
  allowedTools?: string[];
  disallowedTools?: string[];
  appendSystemPrompt?: string;
  addDirs?: string[];
  mcpConfig?: string;
  settings?: string;
  resumeSessionId?: string;
  continueSession?: boolean;
  sessionId?: string;
  dangerouslySkipPermissions?: boolean;
  promptVia?: 'stdin' | 'argv';
}

const nonEmpty = z.string().trim().min(1);

/** Options reach here from stored jobs and the CLI; checked again so a bad value never becomes a flag. */
export const ClaudeOptionsSchema = z.object({
  model: nonEmpty.optional(),
  fallbackModel: nonEmpty.optional(),
  maxTurns: z.number().int().positive().optional(),
  maxBudgetUsd: z.number().positive().optional(),
  permissionMode: z.enum(PERMISSION_MODES).optional(),
  allowedTools: z.array(z.string()).optional(),
  disallowedTools: z.array(z.string()).optional(),
  appendSystemPrompt: z.string().optional(),
  addDirs: z.array(nonEmpty).optional(),
  mcpConfig: nonEmpty.optional(),
  settings: nonEmpty.optional(),
  resumeSessionId: nonEmpty.optional(),
  continueSession: z.boolean().optional(),
  // The CLI rejects anything but a UUID here.
  sessionId: z.guid().optional(),
  dangerouslySkipPermissions: z.boolean().optional(),
  promptVia: z.enum(['stdin', 'argv']).optional(),
}) satisfies z.ZodType<ClaudeOptions>;

/**
 * Linux refuses a single argv string over 128 KiB (E2BIG); stay well below it and use stdin instead.
 */
export const MAX_ARGV_PROMPT_BYTES = 100_000;

/**
 * Builds the argv for a headless run. The prompt goes on stdin unless `promptVia` is 'argv'; the
 * caller must give the child a closed stdin even when it is null (/dev/null), because 2.0 hangs on an open one.
 */
export function buildClaudeArgs(prompt: string, opts: ClaudeOptions): { args: string[]; stdin: string | null } {
  const parsed = ClaudeOptionsSchema.safeParse(opts);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw validationError(field === '' ? 'claude' : `claude.${field}`, `Invalid Claude option ${field}: ${issue?.message ?? 'invalid value'}`);
  }
  const o = parsed.data;
  if (prompt.trim() === '') throw validationError('prompt', 'The Claude prompt is empty; give the job a prompt.');
  if (o.resumeSessionId !== undefined && o.continueSession === true) {
    throw validationError(
      'claude.continueSession',
      'Choose either "resume session" or "continue the latest session", not both: Claude can only pick up one conversation.',
    );
  }

  // `-p` is a plain flag and the prompt a positional argument, so a prompt starting with '-' would be
  // read as an unknown option; stdin carries any text safely, whatever the user asked for.
  const viaArgv = o.promptVia === 'argv' && !prompt.startsWith('-') && Buffer.byteLength(prompt, 'utf8') <= MAX_ARGV_PROMPT_BYTES;

  // The prompt sits right after `-p`, before any variadic option (--allowedTools, --add-dir) that
  // would otherwise swallow it as one more value.
  const args = ['-p', ...(viaArgv ? [prompt] : []), '--output-format', 'stream-json', '--verbose'];

  if (o.model !== undefined) args.push('--model', o.model);
  if (o.fallbackModel !== undefined) args.push('--fallback-model', o.fallbackModel);
  if (o.maxTurns !== undefined) args.push('--max-turns', String(o.maxTurns));
  if (o.maxBudgetUsd !== undefined) args.push('--max-budget-usd', String(o.maxBudgetUsd));
  if (o.permissionMode !== undefined) args.push('--permission-mode', o.permissionMode);
  if (o.dangerouslySkipPermissions === true) args.push('--dangerously-skip-permissions');

  const allowed = toolList(o.allowedTools);
  if (allowed !== null) args.push('--allowedTools', allowed);
  const disallowed = toolList(o.disallowedTools);
  if (disallowed !== null) args.push('--disallowedTools', disallowed);

  if (o.appendSystemPrompt !== undefined && o.appendSystemPrompt !== '') args.push('--append-system-prompt', o.appendSystemPrompt);
  // One flag per directory so a path that starts with '-' is still read as the flag's value.
  for (const dir of o.addDirs ?? []) args.push('--add-dir', dir);
  if (o.mcpConfig !== undefined) args.push('--mcp-config', o.mcpConfig);
  if (o.settings !== undefined) args.push('--settings', o.settings);

  if (o.resumeSessionId !== undefined) args.push('--resume', o.resumeSessionId);
  if (o.continueSession === true) args.push('--continue');
  if (o.sessionId !== undefined) args.push('--session-id', o.sessionId);

  return { args, stdin: viaArgv ? null : prompt };
}

/**
 * The CLI splits a tool list on spaces outside parentheses, so `Bash(git *)` survives as one entry
 * when the entries are joined by single spaces into a single argv element.
 */
function toolList(tools: string[] | undefined): string | null {
  const entries = (tools ?? []).map((t) => t.trim()).filter((t) => t !== '');
  return entries.length === 0 ? null : entries.join(' ');
}

/** Set by a parent Claude Code: CLAUDECODE makes the CLI refuse to start, the entrypoint would mislabel our runs. */
const NESTING_MARKERS = ['CLAUDECODE', 'CLAUDE_CODE_ENTRYPOINT'] as const;

/**
 * The child's environment: the inherited one without Claude Code's nesting markers, with the
 * auto-updater off (an update mid-run can replace the binary under a scheduled job), and the job's
 * own variables on top.
 */
export function buildClaudeEnv(base: NodeJS.ProcessEnv, jobEnv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined) env[key] = value;
  }
  for (const marker of NESTING_MARKERS) delete env[marker];
  env.DISABLE_AUTOUPDATER ??= '1';
  Object.assign(env, jobEnv);
  // Even when a job sets it: the run could only fail with "cannot be launched inside another session".
  delete env.CLAUDECODE;
  return env;
}
