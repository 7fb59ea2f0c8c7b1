import type { Job, Run, RunEvent } from '../../../src-shared/domain';
import { redactDeep, redactEnv, redactHeaders, redactText, redactUrl, redactWebhookUrl } from './redact';

/** How each domain object is shown: the fields that may hold a credential, masked. */

export function redactJob(job: Job): Job {
  const out: Job = { ...job, options: { ...job.options }, notify: { ...job.notify } };
  if (job.command !== null) out.command = redactText(job.command);
  if (job.prompt !== null) out.prompt = redactText(job.prompt);
  if (job.http) {
    out.http = { ...job.http, url: redactUrl(job.http.url), headers: redactHeaders(job.http.headers) };
    if (job.http.body !== undefined) out.http.body = redactText(job.http.body);
  }
  if (job.options.env) out.options.env = redactEnv(job.options.env);
  if (job.notify.webhookUrl) out.notify.webhookUrl = redactWebhookUrl(job.notify.webhookUrl);
  return out;
}

export function redactRun(run: Run): Run {
  return run.error === null ? run : { ...run, error: redactText(run.error) };
}

export function redactRunEvent(event: RunEvent): RunEvent {
  const payload = redactDeep(event.payload);
  return payload === event.payload ? event : { ...event, payload };
}
