import { describe, expect, it } from 'vitest';
import { closeHidesWindow, parseNameHasOwnerReply } from './close-behaviour';

describe('closeHidesWindow', () => {
  it.each([
    ['macOS always has the menu-bar icon', { platform: 'darwin', trayCreated: true, trayHostPresent: false, keepInTray: false }, true],
    ['Windows always has the notification area', { platform: 'win32', trayCreated: true, trayHostPresent: false, keepInTray: false }, true],
    ['Linux with a StatusNotifier host', { platform: 'linux', trayCreated: true, trayHostPresent: true, keepInTray: false }, true],
    ['Linux without a host quits by default', { platform: 'linux', trayCreated: true, trayHostPresent: false, keepInTray: false }, false],
    ['Linux without a host, "Keep running in the tray" on', { platform: 'linux', trayCreated: true, trayHostPresent: false, keepInTray: true }, true],
    ['no tray at all never hides', { platform: 'darwin', trayCreated: false, trayHostPresent: true, keepInTray: true }, false],
  ] as const)('%s', (_name, input, expected) => {
    expect(closeHidesWindow(input)).toBe(expected);
  });
});

describe('parseNameHasOwnerReply', () => {
  it('reads dbus-send’s answer', () => {
    expect(parseNameHasOwnerReply('method return time=1.2 sender=org.freedesktop.DBus -> destination=:1.9 serial=3 reply_serial=2\n   boolean true\n')).toBe(true);
    expect(parseNameHasOwnerReply('method return time=1.2 sender=org.freedesktop.DBus\n   boolean false\n')).toBe(false);
    expect(parseNameHasOwnerReply('')).toBe(false);
  });
});
