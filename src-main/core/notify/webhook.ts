import type { Run } from '../../../src-shared/domain';

/** Posts a finished run to the job's webhook. Best effort: a notifier must never fail a run. */
export async function postWebhook(url: string, run: Run, timeoutMs = 10_000): Promise<{ ok: boolean; status?: number; error?: string }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'claude-night-pilot' },
      body: JSON.stringify({ event: 'run.finished', run }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { ok: res.ok, status: res.status };
  } catch (err) {
    // The URL may carry a secret token; the error names neither.
    return { ok: false, error: (err as Error).name };
  }
}
