import path from 'node:path';

/**
 * Launch at login on Linux: a freedesktop autostart entry. (macOS and Windows use Electron's
 * login-item API instead.) Text and path are computed here; the adapter writes or removes the file.
 */

export const AUTOSTART_FILE_NAME = 'claude-night-pilot.desktop';

/** $XDG_CONFIG_HOME/autostart, defaulting to ~/.config/autostart as the spec says. */
export function autostartFilePath(env: NodeJS.ProcessEnv, home: string): string {
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(configHome, 'autostart', AUTOSTART_FILE_NAME);
}

// Characters the Desktop Entry spec reserves in Exec arguments: an argument with any of them is quoted.
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One Exec argument, quoted per the Desktop Entry spec: inside double quotes, `"`, `` ` ``, `$` and
 * `\` take a backslash; then the whole value gets the spec's string escaping (`\` → `\\`), and `%`
 * is doubled so it is not read as a field code. Newlines cannot be represented and are refused.
 */
export function quoteExecArg(arg: string): string {
  if (/[\n\r]/.test(arg)) throw new Error('An autostart argument cannot contain a line break');
  const fieldSafe = arg.replace(/%/g, '%%');
  if (fieldSafe !== '' && !RESERVED.test(fieldSafe)) return fieldSafe;
  const quoted = `"${fieldSafe.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  return quoted.replace(/\\/g, '\\\\');
}

export function autostartDesktopEntry(opts: { execPath: string; args: string[]; name?: string; comment?: string }): string {
  const exec = [opts.execPath, ...opts.args].map(quoteExecArg).join(' ');
  const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${oneLine(opts.name ?? 'Claude Night Pilot')}`,
    `Comment=${oneLine(opts.comment ?? 'Runs scheduled Claude Code prompts, commands and HTTP calls')}`,
    `Exec=${exec}`,
    'Terminal=false',
    'Hidden=false',
    'NoDisplay=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
