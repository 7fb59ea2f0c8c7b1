/**
 * What closing the main window does. macOS and Windows always show our tray icon, so the window
 * hides there and the scheduler keeps running. Linux desktops show it only with a StatusNotifier
 * host (KDE, most panels; GNOME only with an extension): without one, a hidden window could never be
 * reopened, so closing quits unless the user turned on "Keep running in the tray".
 */
export function closeHidesWindow(input: {
  platform: NodeJS.Platform;
  trayCreated: boolean;
  trayHostPresent: boolean;
  keepInTray: boolean;
}): boolean {
  if (!input.trayCreated) return false;
  if (input.platform !== 'linux') return true;
  return input.trayHostPresent || input.keepInTray;
}

/** The D-Bus name a StatusNotifier host (the thing that draws tray icons) owns on Linux. */
export const STATUS_NOTIFIER_WATCHER = 'org.kde.StatusNotifierWatcher';

/** Arguments for `dbus-send` asking the session bus whether the watcher name has an owner. */
export const NAME_HAS_OWNER_ARGS = [
  '--session',
  '--dest=org.freedesktop.DBus',
  '--type=method_call',
  '--print-reply',
  '/org/freedesktop/DBus',
  'org.freedesktop.DBus.NameHasOwner',
  `string:${STATUS_NOTIFIER_WATCHER}`,
];

/** dbus-send prints `boolean true` (after a header line) when the name has an owner. */
export function parseNameHasOwnerReply(stdout: string): boolean {
  return /\bboolean\s+true\b/.test(stdout);
}
