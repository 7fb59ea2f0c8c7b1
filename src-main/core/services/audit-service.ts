import type { Page } from '../../../src-shared/domain';
import type { AuditActor, AuditEntry } from '../../../src-shared/ops';
import { iso, parseJson } from '../db/json';
import { redactDeep } from '../redaction/redact';
import type { CoreContext } from './context';

/** The audit log, newest first, filtered by job, actor, action and time. */
export function listAudit(
  ctx: CoreContext,
  f: { jobId?: number | undefined; actor?: AuditActor | undefined; action?: string | undefined; since?: string | undefined; until?: string | undefined; limit: number; offset: number },
): Page<AuditEntry> {
  const { items, total } = ctx.store.audit.list({
    ...(f.jobId !== undefined ? { jobId: f.jobId } : {}),
    ...(f.actor ? { actor: f.actor } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.since ? { since: Date.parse(f.since) } : {}),
    ...(f.until ? { until: Date.parse(f.until) } : {}),
    limit: f.limit,
    offset: f.offset,
  });
  return {
    items: items.map((e) => ({ id: e.id, ts: iso(e.ts)!, actor: e.actor, action: e.action, jobId: e.jobId, details: redactDeep(parseJson<Record<string, unknown>>(e.details, {})) })),
    total,
  };
}
