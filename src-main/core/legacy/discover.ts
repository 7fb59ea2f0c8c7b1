import path from 'node:path';

export const LEGACY_FILE_NAMES = ['claude-night-pilot.db', 'claude-pilot.db'] as const;

export interface DiscoverInput {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  cwd: string;
  /** This app's own database: never offered, even where its name matches. */
  ownDbPath: string;
  listDir(dir: string): string[];
  isFile(file: string): boolean;
}

/** Where the original (Tauri) app kept its data: `<root>/<app id>/`. */
const pathFor = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix);

function dataRoots(i: DiscoverInput): string[] {
  const path = pathFor(i.platform);
  if (i.platform === 'darwin') return [path.join(i.home, 'Library', 'Application Support')];
  if (i.platform === 'win32') return [i.env.APPDATA ?? path.join(i.home, 'AppData', 'Roaming'), i.env.LOCALAPPDATA ?? path.join(i.home, 'AppData', 'Local')];
  return [i.env.XDG_DATA_HOME ?? path.join(i.home, '.local', 'share'), i.env.XDG_CONFIG_HOME ?? path.join(i.home, '.config')];
}

/** The app id is not known for every build, so any folder whose name says Night Pilot is looked in. */
const LOOKS_LIKE_THE_APP = /night[-_.]?pilot|claude[-_.]?pilot/i;

/**
 * Paths where an old database may be (LEGACY-DB.md: the working directory, or the Tauri app-data
 * folder), existing files only, each once. Pure apart from the two injected look-ups, so every
 * platform is tested here.
 */
export function legacyCandidatePaths(i: DiscoverInput): string[] {
  const path = pathFor(i.platform);
  const dirs = [i.cwd];
  for (const root of dataRoots(i)) {
    for (const name of i.listDir(root)) if (LOOKS_LIKE_THE_APP.test(name)) dirs.push(path.join(root, name));
  }
  const own = path.resolve(i.ownDbPath);
  const found: string[] = [];
  for (const dir of dirs) {
    for (const file of LEGACY_FILE_NAMES) {
      const p = path.resolve(dir, file);
      if (p !== own && !found.includes(p) && i.isFile(p)) found.push(p);
    }
  }
  return found;
}
