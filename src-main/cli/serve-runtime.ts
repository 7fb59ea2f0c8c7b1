/**
 * V8 flags `cnp serve` runs with. It runs for days, and V8 sizes its young generation from the
 * machine's memory: on a 24 GB machine a burst of garbage (the web UI listing 10,000 jobs, 7 MB
 * of JSON) grew the heap to ~190 MB committed and left the engine at 250-300 MB resident. Semi-spaces
 * of 4 MB keep it under 200 MB (bench: `cnp serve` peak after the UI's first pages) for more, shorter
 * scavenges.
 */
export const SERVE_V8_FLAGS = ['--max-semi-space-size=4'] as const;

type Execve = (file: string, args: string[], env: NodeJS.ProcessEnv) => never;

/**
 * Node takes these flags only at start, so serve re-executes itself in place with them: the same
 * pid, stdio and arguments (process.execve, Node 22.15+ on POSIX). Where that is missing, or the
 * person set the flag themselves (on the command line or in NODE_OPTIONS), it runs as started.
 */
export function reexecWithServeFlags(): void {
  const execve = (process as unknown as { execve?: Execve }).execve;
  if (typeof execve !== 'function' || process.platform === 'win32') return;
  const set = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--max-semi-space-size'));
  if (set) return;
  execve.call(process, process.execPath, [process.execPath, ...SERVE_V8_FLAGS, ...process.execArgv, ...process.argv.slice(1)], process.env);
}
