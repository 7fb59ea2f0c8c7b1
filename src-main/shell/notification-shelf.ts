import type { OsNotification } from './notification-rules';

/** The part of an OS notification the shelf needs: Electron's Notification in the app, a recorder in tests. */
export interface ShownNotification {
  close(): void;
}

/** At most this many of our notifications are on screen (and in the notification centre) at once. */
export const MAX_LIVE_NOTIFICATIONS = 3;

/** A run's notifications replace each other; cooldown news replaces the previous cooldown news. */
export function notificationKey(n: OsNotification): string {
  return n.runId !== undefined ? `run-${n.runId}` : 'cooldown';
}

/**
 * Keeps the live notifications in check: a night of failures must not leave forty toasts behind.
 * A notification for the same key closes the earlier one, and past the cap the oldest is closed.
 * Every live one stays referenced, so its click handler is not collected.
 */
export class NotificationShelf<N extends ShownNotification> {
  private readonly live = new Map<string, N>();

  constructor(private readonly max = MAX_LIVE_NOTIFICATIONS) {}

  /** Registers a notification that is about to be shown, closing what it replaces or pushes out. */
  add(key: string, notification: N): void {
    const previous = this.live.get(key);
    if (previous) {
      this.live.delete(key);
      previous.close();
    }
    this.live.set(key, notification);
    while (this.live.size > this.max) {
      const [oldestKey, oldest] = this.live.entries().next().value as [string, N];
      this.live.delete(oldestKey);
      oldest.close();
    }
  }

  /** The OS closed it, or the user clicked or dismissed it. */
  forget(key: string, notification: N): void {
    if (this.live.get(key) === notification) this.live.delete(key);
  }

  size(): number {
    return this.live.size;
  }
}
