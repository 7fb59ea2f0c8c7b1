import type { AppErrorShape } from '../../src-shared/errors';
import { formatDuration } from '../core/job-files/durations';

/**
 * The contract validates what every face sends, so its errors name contract fields
 * (`retry.maxRetries: Too big: expected number to be <=100`). On the command line the user typed
 * flags, so the message names the flag and says the limit in the flag's own units
 * (`--retries: at most 100`). The JSON `field` keeps the contract path: scripts match on it.
 */
const FLAGS: Record<string, string> = {
  name: '--name',
  title: '--title',
  body: '--body',
  prompt: '--prompt',
  promptId: '--prompt-id',
  command: '--command',
  'http.url': '--url',
  'http.method': '--method',
  'http.headers': '--header',
  'http.body': '--body',
  'schedule.cron': '--cron',
  'schedule.everySeconds': '--every',
  'schedule.at': '--at',
  'schedule.timezone': '--tz',
  priority: '--priority',
  overlap: '--overlap',
  catchUp: '--catch-up',
  timeoutSeconds: '--timeout',
  'retry.maxRetries': '--retries',
  'retry.backoff': '--backoff',
  'retry.delaySeconds': '--retry-delay',
  'retry.maxDelaySeconds': '--retry-max-delay',
  'retry.delaysSeconds': '--retry-delays',
  'options.cwd': '--cwd',
  'options.env': '--env',
  'options.model': '--model',
  'options.fallbackModel': '--fallback-model',
  'options.maxTurns': '--max-turns',
  'options.maxBudgetUsd': '--max-budget-usd',
  'options.permissionMode': '--permission-mode',
  'options.allowedTools': '--allowed-tools',
  'options.disallowedTools': '--disallowed-tools',
  'options.appendSystemPrompt': '--append-system-prompt',
  'options.addDirs': '--add-dir',
  'options.mcpConfig': '--mcp-config',
  'options.resumeSessionId': '--resume',
  'options.continueSession': '--continue',
  tags: '--tag',
  'notify.failureThreshold': '--alert-after',
  'notify.channels': '--notify-channel',
};

/** Fields the CLI takes as durations (`15m`) although the contract stores seconds. */
const SECONDS_FIELDS = new Set(['schedule.everySeconds', 'timeoutSeconds', 'retry.delaySeconds', 'retry.maxDelaySeconds', 'retry.delaysSeconds']);

/** The flag for a contract path and the rest of the path (a record key or list index), if any. */
function flagOf(field: string): { flag: string; key: string | undefined; contractField: string } | null {
  const parts = field.replace(/^(patch|input)\./, '').split('.');
  for (let n = parts.length; n > 0; n--) {
    const head = parts.slice(0, n).join('.');
    const flag = FLAGS[head];
    if (flag) return { flag, key: parts[n], contractField: head };
  }
  return null;
}

/** Zod's built-in messages in plain words; ours are already plain and pass through. */
function plainMessage(message: string, contractField: string, key: string | undefined): string {
  const inSeconds = SECONDS_FIELDS.has(contractField);
  const amount = (n: string) => (inSeconds ? String(formatDuration(Number(n))) : n);
  let m: RegExpExecArray | null;
  if ((m = /^Too big: expected number to be <=?(\S+)$/.exec(message))) return `at most ${amount(m[1]!)}`;
  if ((m = /^Too small: expected number to be >=(\S+)$/.exec(message))) return `at least ${amount(m[1]!)}`;
  if (/^Too small: expected number to be >0$/.test(message)) return 'must be above zero';
  if (/^Too small: expected string to have >=1 characters?$/.test(message)) return 'cannot be empty';
  if ((m = /^Too big: expected string to have <=(\d+) characters$/.exec(message))) return `at most ${m[1]} characters`;
  if ((m = /^Too big: expected array to have <=(\d+) items$/.exec(message))) return `at most ${m[1]} values`;
  if (/^Invalid key in record$/.test(message) && key !== undefined) {
    return `"${key}" is not a valid variable name (letters, digits and _, not starting with a digit)`;
  }
  if (/^Invalid input: expected number, received NaN$/.test(message)) return 'is not a number';
  return message;
}

/** A validation error as the command line should say it; anything else unchanged. */
export function inFlagTerms(shape: AppErrorShape): AppErrorShape {
  if (shape.code !== 'VALIDATION' || !shape.field) return shape;
  const prefix = `${shape.field}: `;
  if (!shape.message.startsWith(prefix)) return shape;
  const found = flagOf(shape.field);
  if (!found) return shape;
  const rest = plainMessage(shape.message.slice(prefix.length), found.contractField, found.key);
  return { ...shape, message: `${found.flag}: ${rest}` };
}
