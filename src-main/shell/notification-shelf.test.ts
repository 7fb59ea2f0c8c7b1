import { describe, expect, it } from 'vitest';
import { NotificationShelf, notificationKey } from './notification-shelf';

class Shown {
  closed = 0;
  constructor(readonly name: string) {}
  close() {
    this.closed++;
  }
}

describe('NotificationShelf', () => {
  it('replaces an earlier notification for the same run or the cooldown', () => {
    const shelf = new NotificationShelf<Shown>(3);
    const first = new Shown('run 7, first');
    const second = new Shown('run 7, again');
    shelf.add(notificationKey({ title: 'a', body: 'b', runId: 7 }), first);
    shelf.add(notificationKey({ title: 'a', body: 'b', runId: 7 }), second);
    expect(first.closed).toBe(1);
    expect(second.closed).toBe(0);
    expect(shelf.size()).toBe(1);
    expect(notificationKey({ title: 'Claude usage limit reached', body: '' })).toBe('cooldown');
  });

  it('keeps at most the cap live, closing the oldest first', () => {
    const shelf = new NotificationShelf<Shown>(3);
    const shown = Array.from({ length: 40 }, (_, i) => new Shown(`run ${i}`));
    shown.forEach((n, i) => shelf.add(`run-${i}`, n));
    expect(shelf.size()).toBe(3);
    expect(shown.filter((n) => n.closed === 1)).toHaveLength(37);
    expect(shown.slice(-3).every((n) => n.closed === 0)).toBe(true);
  });

  it('forgets a notification the user dismissed, but not a newer one under the same key', () => {
    const shelf = new NotificationShelf<Shown>(3);
    const old = new Shown('old');
    const fresh = new Shown('fresh');
    shelf.add('run-1', old);
    shelf.add('run-1', fresh);
    shelf.forget('run-1', old);
    expect(shelf.size()).toBe(1);
    shelf.forget('run-1', fresh);
    expect(shelf.size()).toBe(0);
  });
});
