import { execa } from 'execa';

let cached: Promise<string> | null = null;
const MARK = '__CNP_PATH__';

/**
 * The PATH a login shell gives the user. Apps started from a desktop or at login get a minimal
 * PATH, so a job that works in the terminal would fail when scheduled; resolving it once fixes that.
 */
export function loginShellPath(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  cached ??= resolve(env);
  return cached;
}

async function resolve(env: NodeJS.ProcessEnv): Promise<string> {
  const fallback = env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  if (process.platform === 'win32' || env.CNP_LOGIN_PATH === '0') return fallback;
  const shell = env.SHELL || '/bin/sh';
  try {
    const { stdout } = await execa(shell, ['-ilc', `printf '${MARK}%s${MARK}' "$PATH"`], {
      timeout: 5000,
      stdin: 'ignore',
      reject: false,
      env: { ...env, TERM: 'dumb' },
    });
    const found = new RegExp(`${MARK}(.*?)${MARK}`).exec(stdout)?.[1];
    if (!found) return fallback;
    // Keep entries the engine had that the login shell lacks (e.g. a test's fake binaries first).
    const merged = [...fallback.split(':'), ...found.split(':')].filter(Boolean);
    return [...new Set(merged)].join(':');
  } catch {
    return fallback;
  }
}
