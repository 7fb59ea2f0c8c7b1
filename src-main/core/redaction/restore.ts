import type { Job } from '../../../src-shared/domain';
import type { JobPatch } from '../../../src-shared/schemas';
import { isSecretEnvName, isSecretHeaderName, MASK, redactText, redactUrl, redactWebhookUrl, restoreMasked } from './redact';

/**
 * An editor shows a job masked and sends back what it showed. Every field the user left as shown
 * gets its stored value back, so saving a form never overwrites a secret with its mask.
 */
export function restoreMaskedPatch(patch: JobPatch, stored: Job): JobPatch {
  const out: JobPatch = { ...patch };
  if (typeof patch.command === 'string') out.command = restoreMasked(patch.command, stored.command);
  if (typeof patch.prompt === 'string') out.prompt = restoreMasked(patch.prompt, stored.prompt);
  if (patch.http && stored.http) {
    const was = stored.http;
    const http = { ...patch.http, url: restoreMasked(patch.http.url, was.url, redactUrl) };
    http.headers = Object.fromEntries(
      Object.entries(patch.http.headers).map(([k, v]) => {
        const old = was.headers[k];
        if (old === undefined) return [k, v];
        return [k, isSecretHeaderName(k) && v === MASK ? old : restoreMasked(v, old)];
      }),
    );
    if (patch.http.body !== undefined) http.body = restoreMasked(patch.http.body, was.body);
    out.http = http;
  }
  if (patch.options?.env && stored.options.env) {
    const was = stored.options.env;
    out.options = {
      ...patch.options,
      env: Object.fromEntries(
        Object.entries(patch.options.env).map(([k, v]) => {
          const old = was[k];
          if (old === undefined) return [k, v];
          return [k, isSecretEnvName(k) && v === MASK ? old : restoreMasked(v, old, redactText)];
        }),
      ),
    };
  }
  if (patch.notify?.webhookUrl && stored.notify.webhookUrl) {
    out.notify = { ...patch.notify, webhookUrl: restoreMasked(patch.notify.webhookUrl, stored.notify.webhookUrl, redactWebhookUrl) };
  }
  return out;
}
