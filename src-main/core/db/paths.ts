import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'claude-night-pilot';
export const DB_FILE_NAME = 'claude-night-pilot.db';

/**
 * The OS app-data folder, computed the way Electron computes `app.getPath('userData')` for an app
 * named `claude-night-pilot`, so the CLI, `cnp serve` and the desktop app share one database.
 */
export function appDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

/** `--db` wins, then `CNP_DB`, then the app-data folder — never the working directory. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.CNP_DB;
  if (chosen !== undefined && chosen !== '') return path.resolve(chosen);
  return path.join(appDataDir(process.platform, env), DB_FILE_NAME);
}

/** Only this location's folder is created on first use; a `--db` elsewhere must already have one. */
export function isDefaultDbPath(file: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return path.resolve(file) === path.join(appDataDir(process.platform, env), DB_FILE_NAME);
}
