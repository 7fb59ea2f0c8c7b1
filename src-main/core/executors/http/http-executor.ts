import { redactHeaders, redactText, redactUrl } from '../../redaction/redact';
import type { ExecutionRequest, ExecutionResult, Executor } from '../types';

/** The response body kept in the log, at most. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Calls an HTTP endpoint; success is a 2xx (or one of the job's expected statuses). */
export class HttpExecutor implements Executor {
  async execute(req: ExecutionRequest): Promise<ExecutionResult> {
    const spec = req.job.payload.http;
    if (!spec) return { status: 'failed', exitCode: null, error: 'The job has no HTTP request', errorKind: 'permanent' };
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, req.timeoutMs);
    const onCancel = () => controller.abort();
    req.signal.addEventListener('abort', onCancel, { once: true });
    req.onSpawn(undefined);
    // Secrets in headers are never written to the log.
    const shownHeaders = redactHeaders(spec.headers);
    req.events.add('system', { type: 'http_request', method: spec.method, url: redactUrl(spec.url), headers: shownHeaders });
    try {
      const started = Date.now();
      const res = await fetch(spec.url, {
        method: spec.method,
        headers: spec.headers,
        ...(spec.body !== undefined && !['GET', 'HEAD'].includes(spec.method) ? { body: spec.body } : {}),
        signal: controller.signal,
        redirect: 'follow',
      });
      const { text, truncated, bytes } = await readCapped(res);
      req.events.add('system', { type: 'http_response', status: res.status, statusText: res.statusText, durationMs: Date.now() - started, bytes, truncated, contentType: res.headers.get('content-type') });
      if (truncated) req.events.markTruncated();
      if (text) req.events.add('stdout', { text });
      const ok = spec.expectStatus.length ? spec.expectStatus.includes(res.status) : res.status >= 200 && res.status < 300;
      return {
        status: ok ? 'succeeded' : 'failed',
        exitCode: res.status,
        error: ok ? null : `HTTP ${res.status} ${res.statusText}`.trim() + (spec.expectStatus.length ? ` (expected ${spec.expectStatus.join(', ')})` : ''),
        // 4xx other than 408/429 will not fix itself by retrying.
        errorKind: ok ? null : res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429 ? 'permanent' : 'transient',
      };
    } catch (err) {
      if (req.signal.aborted) {
        return req.signal.reason === 'shutdown'
          ? { status: 'interrupted', exitCode: null, error: 'Interrupted: the engine stopped while the run was going', errorKind: 'transient' }
          : { status: 'cancelled', exitCode: null, error: 'Cancelled by the user', errorKind: null };
      }
      if (timedOut) return { status: 'timed_out', exitCode: null, error: `Timed out after ${req.timeoutMs / 1000} s`, errorKind: 'transient' };
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      // Undici's messages can quote the address; stored errors hold no credential.
      return { status: 'failed', exitCode: null, error: redactText(`Request failed: ${cause ?? (err as Error).message}`), errorKind: 'transient' };
    } finally {
      clearTimeout(timer);
      req.signal.removeEventListener('abort', onCancel);
    }
  }
}

async function readCapped(res: Response): Promise<{ text: string; truncated: boolean; bytes: number }> {
  if (!res.body) return { text: '', truncated: false, bytes: 0 };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (kept < MAX_BODY_BYTES) {
      const part = value.subarray(0, MAX_BODY_BYTES - kept);
      chunks.push(part);
      kept += part.byteLength;
    }
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: bytes > kept, bytes };
}
