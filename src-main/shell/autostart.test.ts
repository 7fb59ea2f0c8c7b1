import { describe, expect, it } from 'vitest';
import { autostartDesktopEntry, autostartFilePath, quoteExecArg } from './autostart';

describe('autostartFilePath', () => {
  it.each([
    [{}, '/home/ann/.config/autostart/claude-night-pilot.desktop'],
    [{ XDG_CONFIG_HOME: '/xdg' }, '/xdg/autostart/claude-night-pilot.desktop'],
    // The spec says a relative XDG path is invalid and must be ignored.
    [{ XDG_CONFIG_HOME: 'relative/dir' }, '/home/ann/.config/autostart/claude-night-pilot.desktop'],
  ])('with env %o → %s', (env, expected) => {
    expect(autostartFilePath(env, '/home/ann')).toBe(expected);
  });
});

describe('quoteExecArg', () => {
  it.each([
    ['/opt/cnp/claude-night-pilot', '/opt/cnp/claude-night-pilot'],
    ['--hidden', '--hidden'],
    ['/home/ann/My Apps/cnp', '"/home/ann/My Apps/cnp"'],
    ['100%', '100%%'],
    ['a"b', '"a\\\\"b"'],
    ['$HOME', '"\\\\$HOME"'],
    ['back\\slash', '"back\\\\\\\\slash"'],
    ['', '""'],
  ])('%s → %s', (arg, expected) => {
    expect(quoteExecArg(arg)).toBe(expected);
  });

  it('refuses a line break, which an Exec line cannot hold', () => {
    expect(() => quoteExecArg('a\nb')).toThrow(/line break/);
  });
});

describe('autostartDesktopEntry', () => {
  it('starts the app hidden in the tray at login', () => {
    const text = autostartDesktopEntry({ execPath: '/opt/Claude Night Pilot/cnp', args: ['--hidden'] });
    expect(text.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Name=Claude Night Pilot',
      'Comment=Runs scheduled Claude Code prompts, commands and HTTP calls',
      'Exec="/opt/Claude Night Pilot/cnp" --hidden',
      'Terminal=false',
      'Hidden=false',
      'NoDisplay=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
  });

  it('passes the app folder when running unpackaged', () => {
    expect(autostartDesktopEntry({ execPath: '/repo/node_modules/electron/dist/electron', args: ['/repo', '--hidden'] })).toContain(
      'Exec=/repo/node_modules/electron/dist/electron /repo --hidden\n',
    );
  });
});
