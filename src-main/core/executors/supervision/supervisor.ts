import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A tiny POSIX-sh supervisor each run's command is started under, so that no execution outlives its
 * engine: it reads fd 3, a pipe whose other end only the engine holds. When the engine dies, even by
 * kill -9, the kernel closes that end, `read` returns, and the watcher freezes then kills every
 * process carrying the run's token (frozen first, so no process of the run reacts to another's death
 * by doing one more step), and then the whole process group.
 *
 * The exit status is recorded in a file, so a later engine can tell "finished, result not yet
 * stored" from "interrupted" and never runs a finished execution again. A command that ended on its
 * own while its engine was dying did finish: the watcher marks `<file>.cut` before killing and
 * leaves the supervisor alive, which records any exit but the watcher's SIGKILL (137) and then ends
 * the group itself. Where the mark cannot be written, or the supervisor is gone, the watcher ends
 * the group, as it always did.
 *
 * sh rather than a Node script: it costs a millisecond and a megabyte per run, not 40 of each.
 * Arguments: $1 the run token, $2 the exit-status file ('' for none), then the command and its args.
 */
export const SUPERVISOR_SCRIPT = [
  'tok=$1 exitfile=$2',
  'shift 2',
  // Background commands get /dev/null as stdin in a non-interactive shell: hand ours over via fd 4.
  'exec 4<&0',
  'CNP_RUN_TOKEN=$tok "$@" <&4 3<&- 4<&- &',
  'child=$!',
  'exec 4<&-',
  '(',
  '  while read -r _; do :; done <&3',
  // From here on the watcher finishes its work whatever the supervisor does.
  "  trap '' TERM",
  // `true` and not `:`: a failed redirection of a special builtin would end this subshell.
  '  cut=',
  '  [ -n "$exitfile" ] && true > "$exitfile.cut" 2>/dev/null && cut=1',
  '  pids=$(grep -l -a -F "CNP_RUN_TOKEN=$tok" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3)',
  '  kill -STOP $child $pids 2>/dev/null',
  '  kill -KILL $child $pids 2>/dev/null',
  '  if [ -z "$cut" ] || ! kill -0 $$ 2>/dev/null; then kill -KILL 0; fi',
  ') </dev/null >/dev/null 2>&1 &',
  'watcher=$!',
  'exec 3<&-',
  // With the engine gone, sh reporting a killed job on stderr would die of SIGPIPE before recording.
  "trap '' PIPE",
  'wait "$child"',
  'code=$?',
  // A watcher still reading dies here; one that is stopping the run finishes first.
  'kill "$watcher" 2>/dev/null',
  'wait "$watcher" 2>/dev/null',
  'if [ -n "$exitfile" ] && [ -e "$exitfile.cut" ]; then',
  '  [ "$code" -ne 137 ] && printf "%s\\n" "$code" > "$exitfile"',
  '  rm -f "$exitfile.cut"',
  '  kill -KILL 0',
  'fi',
  '[ -n "$exitfile" ] && printf "%s\\n" "$code" > "$exitfile"',
  // Died of a signal: die of the same one, so the engine sees the signal and not 128+n.
  'if [ "$code" -gt 128 ]; then sig=$(kill -l "$code" 2>/dev/null) && [ -n "$sig" ] && kill -s "$sig" $$; fi',
  'exit "$code"',
].join('\n');

/** Whether runs get the supervisor: every POSIX system (Windows has no sh; taskkill /T covers cancel). */
export const SUPERVISED = process.platform !== 'win32';

/** The argv that starts `file args` under the supervisor. */
export function supervisedCommand(file: string, args: string[], token: string, exitFile: string | null): { file: string; args: string[] } {
  return { file: '/bin/sh', args: ['-c', SUPERVISOR_SCRIPT, 'cnp-supervisor', token, exitFile ?? '', file, ...args] };
}

/**
 * The token a run's processes carry as CNP_RUN_TOKEN. Derived from the run and the engine that
 * claimed it, so a later engine can find that run's leftovers without having stored anything.
 */
export function runToken(runId: number, engineId: string | null): string {
  return `${runId}-${createHash('sha256').update(`${engineId ?? ''}#${runId}`).digest('hex').slice(0, 20)}`;
}

/** Where the supervisor records a run's exit status (next to the database, one folder per database). */
export function exitStatusFile(dbPath: string, runId: number): string | null {
  if (!dbPath || dbPath === ':memory:') return null;
  return path.join(`${dbPath}-runs`, `${runId}.exit`);
}

/** Makes sure the supervisor can write the file; null (no record) when the folder cannot be made. */
export function prepareExitStatusFile(dbPath: string, runId: number): string | null {
  const file = exitStatusFile(dbPath, runId);
  if (!file) return null;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.cut`, { force: true });
    return file;
  } catch {
    return null;
  }
}

/** The exit status a supervisor recorded for a run, or null; the record is removed once read. */
export function takeExitStatus(dbPath: string, runId: number): number | null {
  const file = exitStatusFile(dbPath, runId);
  if (!file) return null;
  try {
    // A supervisor killed before it could tidy up may leave its watcher's mark; it means nothing now.
    fs.rmSync(`${file}.cut`, { force: true });
    const code = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    fs.rmSync(file, { force: true });
    return Number.isInteger(code) ? code : null;
  } catch {
    return null;
  }
}
