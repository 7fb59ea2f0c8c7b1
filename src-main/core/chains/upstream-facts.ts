import type { RunStatus } from '../../../src-shared/domain';
import type { Store } from '../db/store';
import { redactText } from '../redaction/redact';

/** Upstream text handed to a prompt is bounded: the last this-many characters. */
export const UPSTREAM_TEXT_LIMIT = 8 * 1024;

/** What a chain run knows about the run(s) that released it. */
export interface UpstreamFacts {
  /** The upstream run that closed the cycle (the latest to finish). */
  runId: number;
  jobId: number;
  jobName: string;
  status: RunStatus;
  exitCode: number | null;
  /** Every upstream run of the cycle (one, or one per upstream job in `all` mode). */
  runIds: number[];
  /** Claude's final answer, or for other jobs the output tail. */
  result: string;
  /** The tail of what the upstream printed (Claude: its text replies). */
  output: string;
}

export function upstreamFacts(store: Store, runId: number): UpstreamFacts | null {
  const ids = store.chains.upstreamRunIds(runId);
  const runs = ids.map((id) => store.runs.get(id)).filter((r) => r !== null);
  if (!runs.length) return null;
  const latest = runs.reduce((a, b) => ((b.finishedAt ?? 0) > (a.finishedAt ?? 0) || ((b.finishedAt ?? 0) === (a.finishedAt ?? 0) && b.id > a.id) ? b : a));
  const texts = store.chains.outputTail(latest.id, UPSTREAM_TEXT_LIMIT);
  return {
    runId: latest.id,
    jobId: latest.jobId,
    jobName: store.jobs.get(latest.jobId)?.name ?? '',
    status: latest.status,
    exitCode: latest.exitCode,
    runIds: runs.map((r) => r.id),
    // The text goes into another prompt, so credentials in it are masked like on every output path.
    output: redactText(texts.output),
    result: redactText(texts.result ?? texts.output),
  };
}

/** The environment a chain run gets on top of its job's. */
export function upstreamEnv(f: UpstreamFacts | null): Record<string, string> {
  if (!f) return {};
  return {
    CNP_UPSTREAM_RUN_ID: String(f.runId),
    CNP_UPSTREAM_STATUS: f.status,
    CNP_UPSTREAM_EXIT_CODE: f.exitCode === null ? '' : String(f.exitCode),
    CNP_UPSTREAM_JOB_ID: String(f.jobId),
    CNP_UPSTREAM_JOB_NAME: f.jobName,
    CNP_UPSTREAM_RUN_IDS: f.runIds.join(','),
  };
}

export const UPSTREAM_PLACEHOLDERS = ['output', 'result', 'status', 'exitCode', 'runId', 'job'] as const;
const PLACEHOLDER = /\{\{\s*upstream\.(\w+)\s*\}\}/g;

/**
 * Fills `{{upstream.output}}`, `{{upstream.result}}`, `{{upstream.status}}`, `{{upstream.exitCode}}`,
 * `{{upstream.runId}}` and `{{upstream.job}}` in a Claude prompt. Without an upstream (a run by hand)
 * they become empty; unknown names are left as written.
 */
export function fillUpstreamPlaceholders(prompt: string, f: UpstreamFacts | null): string {
  return prompt.replace(PLACEHOLDER, (whole, name: string) => {
    switch (name) {
      case 'output':
        return f?.output ?? '';
      case 'result':
        return f?.result ?? '';
      case 'status':
        return f?.status ?? '';
      case 'exitCode':
        return f?.exitCode === null || f?.exitCode === undefined ? '' : String(f.exitCode);
      case 'runId':
        return f ? String(f.runId) : '';
      case 'job':
        return f?.jobName ?? '';
      default:
        return whole;
    }
  });
}
