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
 * own while its engine was dying did finish: the watcher leaves the supervisor alive until it has
 * recorded that (it marks `<file>.cut` before killing, and the supervisor, not the watcher, kills
 * the group afterwards). A command killed by a signal after that mark was cut short: no record.
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
  '  [ -n "$exitfile" ] && : > "$exitfile.cut"',
  '  pids=$(grep -l -a -F "CNP_RUN_TOKEN=$tok" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3)',
  '  kill -STOP $child $pids 2>/dev/null',
  '  kill -KILL $child $pids 2>/dev/null',
  '  [ -z "$exitfile" ] && kill -KILL 0',
  ') </dev/null >/dev/null 2>&1 &',
  'watcher=$!',
  // Nothing of ours goes to the engine's pipes: with the engine gone, a write there (sh reports a
  // killed job on stderr) would kill us by SIGPIPE before we record and end the group.
  'exec 3<&- >/dev/null 2>&1',
  'wait "$child"',
  'code=$?',
  // The engine is gone: record a command that ended by itself, let the watcher finish, end the group.
  'if [ -n "$exitfile" ] && [ -e "$exitfile.cut" ]; then',
  '  [ "$code" -le 128 ] && printf "%s\\n" "$code" > "$exitfile"',
  '  wait "$watcher"',
  '  rm -f "$exitfile.cut"',
  '  kill -KILL 0',
  'fi',
  'kill "$watcher" 2>/dev/null',
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
  // A supervisor killed before it could tidy up may leave its watcher's mark; it means nothing now.
  fs.rmSync(`${file}.cut`, { force: true });
  try {
    const code = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    fs.rmSync(file, { force: true });
    return Number.isInteger(code) ? code : null;
  } catch {
    return null;
  }
}
