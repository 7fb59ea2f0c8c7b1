import { describe, expect, it } from 'vitest';
import { legacyCandidatePaths, type DiscoverInput } from './discover';

/** A fake file system: folders and the files in them. */
function input(platform: NodeJS.Platform, files: string[], over: Partial<DiscoverInput> = {}): DiscoverInput {
  const set = new Set(files);
  return {
    platform,
    env: {},
    home: '/home/u',
    cwd: '/work',
    ownDbPath: '/home/u/.config/claude-night-pilot/claude-night-pilot.db',
    listDir: (dir) => [...new Set(files.filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1).split('/')[0]!))],
    isFile: (f) => set.has(f.replace(/\\/g, '/')),
    ...over,
  };
}

describe('legacyCandidatePaths', () => {
  // prettier-ignore
  const cases: [name: string, platform: NodeJS.Platform, files: string[], over: Partial<DiscoverInput>, expected: string[]][] = [
    ['the working directory, both names', 'linux',
      ['/work/claude-pilot.db', '/work/claude-night-pilot.db', '/work/other.db'], {},
      ['/work/claude-night-pilot.db', '/work/claude-pilot.db']],
    ['the Tauri data folder on Linux, whatever the app id', 'linux',
      ['/home/u/.local/share/com.claude-night-pilot.app/claude-night-pilot.db', '/home/u/.local/share/unrelated/claude-night-pilot.db'], {},
      ['/home/u/.local/share/com.claude-night-pilot.app/claude-night-pilot.db']],
    ['XDG_DATA_HOME is respected', 'linux',
      ['/data/ClaudeNightPilot/claude-pilot.db'], { env: { XDG_DATA_HOME: '/data' } },
      ['/data/ClaudeNightPilot/claude-pilot.db']],
    ['never our own database, though its folder and name match', 'linux',
      ['/home/u/.config/claude-night-pilot/claude-night-pilot.db', '/home/u/.config/claude-night-pilot/claude-pilot.db'], {},
      ['/home/u/.config/claude-night-pilot/claude-pilot.db']],
    ['macOS Application Support', 'darwin',
      ['/home/u/Library/Application Support/com.nightpilot.desktop/claude-night-pilot.db'], {},
      ['/home/u/Library/Application Support/com.nightpilot.desktop/claude-night-pilot.db']],
    ['Windows %APPDATA%', 'win32',
      ['C:/Users/u/AppData/Roaming/claude-night-pilot/claude-night-pilot.db'], { env: { APPDATA: 'C:/Users/u/AppData/Roaming' }, home: 'C:/Users/u' },
      ['C:/Users/u/AppData/Roaming/claude-night-pilot/claude-night-pilot.db']],
    ['nothing anywhere', 'linux', [], {}, []],
  ];

  it.each(cases)('%s', (_name, platform, files, over, expected) => {
    const found = legacyCandidatePaths(input(platform, files, over)).map((p) => p.replace(/\\/g, '/'));
    expect(found).toEqual(expected);
  });
});
