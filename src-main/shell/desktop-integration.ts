import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Notification, app, powerSaveBlocker } from 'electron';
import { APP_ID } from './app-identity';
import { autostartDesktopEntry, autostartFilePath } from './autostart';
import { NAME_HAS_OWNER_ARGS, parseNameHasOwnerReply } from './close-behaviour';
import { HIDDEN_ARG, startsHidden } from './login-launch';
import { fitNotification, type OsNotification } from './notification-rules';
import { NotificationShelf, notificationKey } from './notification-shelf';

/** Electron adapters for the OS: notifications, keep-awake, launch at login. */

/**
 * Shows OS notifications. Each is referenced until it closes (a collected Notification silently
 * loses its click handler, and a click must open the run), and the shelf keeps them from piling up:
 * a newer one for the same run or for the cooldown replaces the older, and only a few stay live.
 * On macOS and Windows the id and group also let the notification centre replace and group them.
 */
export class Notifier {
  private readonly shelf = new NotificationShelf<Notification>();
  constructor(private readonly onOpenRun: (runId: number | null) => void) {}

  notify(raw: OsNotification): void {
    if (!Notification.isSupported()) return;
    const n = fitNotification(raw);
    const key = notificationKey(n);
    const notification = new Notification({ title: n.title, body: n.body, id: `${APP_ID}.${key}`, groupId: APP_ID });
    const forget = () => this.shelf.forget(key, notification);
    notification.on('click', () => {
      forget();
      this.onOpenRun(n.runId ?? null);
    });
    notification.on('close', forget);
    notification.on('failed', forget);
    this.shelf.add(key, notification);
    notification.show();
  }
}

/** Holds off system sleep while on; idempotent so the shell can call it on every refresh. */
export class KeepAwake {
  private blockerId: number | null = null;

  set(on: boolean): void {
    if (on && this.blockerId === null) {
      // prevent-app-suspension keeps the machine (not the display) awake: enough to run jobs.
      this.blockerId = powerSaveBlocker.start('prevent-app-suspension');
    } else if (!on && this.blockerId !== null) {
      if (powerSaveBlocker.isStarted(this.blockerId)) powerSaveBlocker.stop(this.blockerId);
      this.blockerId = null;
    }
  }
}

/** Whether this launch came from the login item: then the app starts in the tray, without a window. */
export function launchedHidden(): boolean {
  return startsHidden({ argv: process.argv, platform: process.platform, wasOpenedAtLogin: () => app.getLoginItemSettings().wasOpenedAtLogin });
}

/**
 * Whether a Linux desktop draws tray icons (a StatusNotifier host owns its D-Bus name). Asked once
 * at start with a short timeout; no dbus-send, no session bus or no answer all mean "no host".
 */
export function linuxTrayHostPresent(timeoutMs = 1500): Promise<boolean> {
  if (process.platform !== 'linux') return Promise.resolve(false);
  return new Promise((resolve) => {
    execFile('dbus-send', NAME_HAS_OWNER_ARGS, { timeout: timeoutMs }, (err, stdout) => resolve(!err && parseNameHasOwnerReply(stdout)));
  });
}

function linuxExec(): { execPath: string; args: string[] } {
  // An AppImage's execPath is inside a temporary mount; the image itself is what must start.
  const execPath = process.env.APPIMAGE ?? process.execPath;
  return { execPath, args: app.isPackaged ? [HIDDEN_ARG] : [app.getAppPath(), HIDDEN_ARG] };
}

export function isLaunchAtLoginOn(): boolean {
  if (process.platform === 'linux') return fs.existsSync(autostartFilePath(process.env, os.homedir()));
  return app.getLoginItemSettings({ args: [HIDDEN_ARG] }).openAtLogin;
}

export function setLaunchAtLogin(enabled: boolean): void {
  if (process.platform === 'linux') {
    const file = autostartFilePath(process.env, os.homedir());
    if (enabled) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, autostartDesktopEntry(linuxExec()));
    } else {
      fs.rmSync(file, { force: true });
    }
    return;
  }
  app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
}
