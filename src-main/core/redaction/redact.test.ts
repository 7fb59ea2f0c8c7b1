import { describe, expect, it } from 'vitest';
import { EventBus } from '../events/bus';
import { MASK, redactDeep, redactEnv, redactHeaders, redactText, redactUrl, redactWebhookUrl, restoreMasked } from './redact';

describe('redactUrl', () => {
  it.each([
    ['https://ann:s3cret@example.com/x', `https://${MASK}@example.com/x`],
    ['https://ghp_abc123@github.com/o/r.git', `https://${MASK}@github.com/o/r.git`],
    ['https://api.example.com/v1?token=abc&page=2', `https://api.example.com/v1?token=${MASK}&page=2`],
    ['https://x.io/?access_token=a&api_key=b&sig=c&code=d&session=e&auth=f&password=g', `https://x.io/?access_token=${MASK}&api_key=${MASK}&sig=${MASK}&code=${MASK}&session=${MASK}&auth=${MASK}&password=${MASK}`],
    ['https://x.io/?key=AIza0&X-Goog-Api-Key=k', `https://x.io/?key=${MASK}&X-Goog-Api-Key=${MASK}`],
    // Harmless addresses come back exactly as written.
    ['https://example.com/a%20b?q=night+pilot', 'https://example.com/a%20b?q=night+pilot'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('masks the whole path of a webhook address, which is its key', () => {
    expect(redactWebhookUrl('https://hooks.slack.com/services/T0/B0/XYZ')).toBe(`https://hooks.slack.com/${MASK}`);
    expect(redactWebhookUrl('https://discord.com/api/webhooks/1/abc?wait=true')).toBe(`https://discord.com/${MASK}`);
  });
});

describe('redactText', () => {
  it.each([
    ['Request cannot be constructed from a URL that includes credentials: https://u:pw@h.io/p?token=t1', `Request cannot be constructed from a URL that includes credentials: https://${MASK}@h.io/p?token=${MASK}`],
    ['curl -H "Authorization: Bearer abcdefghijkl" https://h.io', `curl -H "Authorization: ${MASK}" https://h.io`],
    ['X-Goog-Api-Key: AIzaSyA0123456789', `X-Goog-Api-Key: ${MASK}`],
    ['Apikey: abc', `Apikey: ${MASK}`],
    ['X-Auth: abc\nnext line', `X-Auth: ${MASK}\nnext line`],
    ['mysql://root:hunter2@db/x', `mysql://${MASK}@db/x`],
    ['login password=hunter2 user=ann', `login password=${MASK} user=ann`],
    ['auth=xyz; session=abc, DB_PASSWORD="p w"', `auth=${MASK}; session=${MASK}, DB_PASSWORD=${MASK}`],
    ['GITHUB_TOKEN=ghp_1 make release', `GITHUB_TOKEN=${MASK} make release`],
    ['token: Bearer eyJhbGciOiJIUzI1NiJ9.x.y', `token: Bearer ${MASK}`],
    // JSON written as text (a line too long to parse and keep whole keeps only its head as text).
    ['{"type":"user","api_key":"sk-live-1","n":1}', `{"type":"user","api_key":"${MASK}","n":1}`],
    ['{"input":{"password" : "hun\\"ter2","authorization":"abc123xyz"}}', `{"input":{"password" : "${MASK}","authorization":"${MASK}"}}`],
    ['{"content":"…","token":"eyJhbGciOiJIUz', `{"content":"…","token":"${MASK}`],
  ])('%s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('leaves ordinary output, usage-limit texts and token counts alone', () => {
    for (const text of [
      "You've hit your session limit · resets 12:50am (America/Los_Angeles)",
      'tokens: 1200 in, 300 out',
      'a == b; x = 3',
      'see https://docs.example.com/guide#auth',
      '{"type":"result","session_id":"7f1c","usage":{"input_tokens":12},"token":""}',
    ]) {
      expect(redactText(text)).toBe(text);
    }
  });
});

describe('structured masking', () => {
  it('masks credential headers and env values by name', () => {
    expect(redactHeaders({ Authorization: 'Bearer x', 'X-Goog-Api-Key': 'k', Apikey: 'a', 'X-Auth-Token': 't', Accept: 'text/plain' })).toEqual({
      Authorization: MASK,
      'X-Goog-Api-Key': MASK,
      Apikey: MASK,
      'X-Auth-Token': MASK,
      Accept: 'text/plain',
    });
    expect(redactEnv({ GITHUB_TOKEN: 'g', DB_PASSWORD: 'p', OPENAI_API_KEY: 'o', LANG: 'C' })).toEqual({ GITHUB_TOKEN: MASK, DB_PASSWORD: MASK, OPENAI_API_KEY: MASK, LANG: 'C' });
  });

  it('walks event payloads without touching session ids, numbers or unchanged objects', () => {
    const payload = { type: 'result', session_id: 'abc-123', usage: { input_tokens: 5 }, result: 'see https://u:p@h.io', headers: { authorization: 'x' } };
    expect(redactDeep(payload)).toEqual({ ...payload, result: `see https://${MASK}@h.io`, headers: { authorization: MASK } });
    const clean = { type: 'assistant', session_id: 's', message: { content: [{ type: 'text', text: 'hello' }] } };
    expect(redactDeep(clean)).toBe(clean);
  });

  it('gives the stored value back when an editor returns exactly what it was shown', () => {
    const stored = 'curl -u ann:pw https://ann:pw@h.io';
    expect(restoreMasked(redactText(stored), stored)).toBe(stored);
    expect(restoreMasked(`${redactText(stored)} -v`, stored)).toBe(`${redactText(stored)} -v`);
    expect(restoreMasked('plain', stored)).toBe('plain');
  });
});

describe('the event bus', () => {
  it('masks run errors and events before any listener sees them', () => {
    const bus = new EventBus();
    const seen: unknown[] = [];
    bus.onAny((_name, payload) => seen.push(payload));
    bus.emit('run.event', { runId: 1, seq: 1, ts: '2026-01-01T00:00:00.000Z', kind: 'stdout', payload: 'GET https://h.io/?token=abc' });
    expect(JSON.stringify(seen)).not.toContain('abc');
    expect(JSON.stringify(seen)).toContain(`token=${MASK}`);
  });
});
