/** The argument the login item passes on Linux (autostart entry) and Windows (run key). */
export const HIDDEN_ARG = '--hidden';

/**
 * Whether this launch came from the login item, so the app starts in the tray without a window.
 * Linux and Windows pass HIDDEN_ARG. macOS 13+ registers the app through SMAppService, which passes
 * no arguments and ignores the old openAsHidden flag: there the login launch itself is the signal
 * (Electron's wasOpenedAtLogin, read from the launch's Apple Event).
 */
export function startsHidden(input: { argv: readonly string[]; platform: NodeJS.Platform; wasOpenedAtLogin: () => boolean }): boolean {
  if (input.argv.includes(HIDDEN_ARG)) return true;
  return input.platform === 'darwin' && input.wasOpenedAtLogin();
}
