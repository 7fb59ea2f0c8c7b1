import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Notification, app, powerSaveBlocker } from 'electron';
import { autostartDesktopEntry, autostartFilePath } from './autostart';
import { fitNotification, type OsNotification } from './notification-rules';

/** Electron adapters for the OS: notifications, keep-awake, launch at login. */

/**
 * Shows OS notifications. Each is referenced until it closes: a collected Notification silently
 * loses its click handler, and a click must open the run.
 */
export class Notifier {
  private readonly live = new Set<Notification>();
  constructor(private readonly onOpenRun: (runId: number | null) => void) {}

  notify(raw: OsNotification): void {
    if (!Notification.isSupported()) return;
    const n = fitNotification(raw);
    const notification = new Notification({ title: n.title, body: n.body });
    this.live.add(notification);
    const forget = () => this.live.delete(notification);
    notification.on('click', () => {
      forget();
      this.onOpenRun(n.runId ?? null);
    });
    notification.on('close', forget);
    notification.on('failed', forget);
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

export const HIDDEN_ARG = '--hidden';

/** Whether this launch came from the login item: then the app starts in the tray, without a window. */
export function launchedHidden(): boolean {
  if (process.argv.includes(HIDDEN_ARG)) return true;
  // macOS 13+ no longer passes login-item arguments nor opens apps hidden: the login launch itself
  // is the signal, so a login start goes to the tray there too.
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
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
