import { i18n } from '../../i18n';

/**
 * The engine records why a run ended in English (the CLI and the API show it as is). The common
 * outcomes are recognised here and said in the UI's language; anything else (a skip reason, an
 * error passed on from a program) is shown as recorded.
 */
const KNOWN: readonly [pattern: RegExp, key: string, names: readonly string[]][] = [
  [/^The command exited with code (-?\d+)$/, 'The command exited with code {{code}}', ['code']],
  [/^The command exited with code (-?\d+) \(recorded while the engine was down\)$/, 'The command exited with code {{code}} (recorded while the engine was down)', ['code']],
  [/^Cancelled by the user$/, 'Cancelled by the user', []],
  [/^Interrupted: the engine stopped while the run was going$/, 'Interrupted: the engine stopped while the run was going', []],
  [/^Timed out after (.+); the process group was killed$/, 'Timed out after {{time}}; the process group was killed', ['time']],
  [/^Timed out after (\S+) s$/, 'Timed out after {{seconds}} s', ['seconds']],
  [/^Waiting for the Claude usage limit to reset$/, 'Waiting for the Claude usage limit to reset', []],
  [/^Claude CLI not found: install it, or set its path in Settings \(?or CNP_CLAUDE_PATH\)?$/, 'Claude CLI not found: install it, or set its path in Settings or CNP_CLAUDE_PATH', []],
  [/^Could not start: (.+)$/s, 'Could not start: {{reason}}', ['reason']],
  [/^The job has no command$/, 'The job has no command', []],
  [/^The job has no HTTP request$/, 'The job has no HTTP request', []],
];

export function runErrorWords(error: string): string {
  if (i18n.language === 'en') return error;
  for (const [pattern, key, names] of KNOWN) {
    const m = pattern.exec(error);
    if (m) return i18n.t(key, Object.fromEntries(names.map((name, i) => [name, m[i + 1] ?? ''])));
  }
  return error;
}
