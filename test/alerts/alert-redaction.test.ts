import { afterEach, describe, expect, it } from 'vitest';
import { openAlert } from '../../src-main/core/alerts/alert-center';
import { deliverPending } from '../../src-main/core/alerts/deliver';
import { apiFor, call, tempStore, type TempStore } from '../helpers/temp-store';
import { startWebhookReceiver } from './receivers';

let t: TempStore;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  t?.cleanup();
});

describe('alerts pass through the redaction module', () => {
  it('masks credentials quoted in a cause, in the alert list and in what a channel receives', async () => {
    t = tempStore();
    const hook = await startWebhookReceiver();
    closers.push(() => hook.close());
    const api = apiFor(t.store);
    await call(api, 'channels.add', { type: 'webhook', name: 'h', url: hook.url });
    const cause = 'GET https://bot:hunter2@api.example.com/v1?token=abcdef123456 failed: Authorization: Bearer sk-live-0123456789';
    openAlert(t.store, { kind: 'consecutive_failures', conditionKey: 'test:x', jobId: null, title: 'x failed', cause, runIds: [] }, Date.now());

    const listed = (await call(api, 'alerts.list', {})).items[0]!;
    expect(listed.cause).not.toMatch(/hunter2|abcdef123456|sk-live-0123456789/);
    expect(listed.cause).toContain('api.example.com');

    expect(await deliverPending(t.store, undefined)).toBe(1);
    const sent = JSON.stringify(hook.hooks[0]!.body);
    expect(sent).not.toMatch(/hunter2|abcdef123456|sk-live-0123456789/);
    expect(sent).toContain('api.example.com');
    // Stored in clear for the record; only what is shown or sent is masked.
    expect(t.store.alerts.get(listed.id)!.cause).toBe(cause);
  });

  it('records a rate-limited delivery instead of sending past the channel’s hourly limit', async () => {
    t = tempStore();
    const hook = await startWebhookReceiver();
    closers.push(() => hook.close());
    const api = apiFor(t.store);
    await call(api, 'channels.add', { type: 'webhook', name: 'h', url: hook.url, maxPerHour: 2 });
    for (let i = 0; i < 3; i++) openAlert(t.store, { kind: 'consecutive_failures', conditionKey: `k${i}`, jobId: null, title: `a${i}`, cause: 'c', runIds: [] }, Date.now());
    expect(await deliverPending(t.store, undefined)).toBe(2);
    expect(hook.hooks).toHaveLength(2);
    const statuses = (await call(api, 'alerts.list', {})).items.map((a) => a.deliveries[0]!.status).sort();
    expect(statuses).toEqual(['rate_limited', 'sent', 'sent']);
    // Nothing is left to send: a second pass sends nothing more.
    expect(await deliverPending(t.store, undefined)).toBe(0);
  });
});
