import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';

/** Where `claude` is: the setting, else CNP_CLAUDE_PATH, else the first match on PATH. */
export function locateClaude(settingPath: string | null, env: NodeJS.ProcessEnv = process.env): string | null {
  if (settingPath) return settingPath;
  if (env.CNP_CLAUDE_PATH) return env.CNP_CLAUDE_PATH;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, process.platform === 'win32' ? 'claude.cmd' : 'claude');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}

export async function claudeVersion(claudePath: string | null): Promise<{ path: string | null; version: string | null; error: string | null }> {
  if (!claudePath) return { path: null, version: null, error: 'Claude CLI not found: install it, or set its path in Settings or CNP_CLAUDE_PATH' };
  try {
    const { stdout } = await execa(claudePath, ['--version'], { timeout: 10_000, stdin: 'ignore', env: { CLAUDECODE: undefined } });
    return { path: claudePath, version: stdout.trim().split('\n')[0] ?? null, error: null };
  } catch (err) {
    return { path: claudePath, version: null, error: `Cannot run ${claudePath} --version: ${(err as Error).message.split('\n')[0]}` };
  }
}
