import type { Page } from '../../../src-shared/domain';
import { notFound } from '../../../src-shared/errors';
import type { Alert, AlertKind } from '../../../src-shared/ops';
import type { AlertRecord } from '../db/alerts-repo';
import { iso } from '../db/json';
import { redactText } from '../redaction/redact';
import type { CoreContext } from '../services/context';

function views(ctx: CoreContext, records: AlertRecord[]): Alert[] {
  const deliveries = ctx.store.alerts.deliveriesOf(records.map((r) => r.id));
  return records.map((a) => ({
    id: a.id,
    kind: a.kind,
    jobId: a.jobId,
    jobName: a.jobId !== null ? (ctx.store.jobs.get(a.jobId)?.name ?? null) : null,
    // The cause quotes run errors, which may carry credentials.
    title: redactText(a.title),
    cause: redactText(a.cause),
    runIds: a.runIds,
    openedAt: iso(a.openedAt)!,
    resolvedAt: iso(a.resolvedAt),
    resolution: a.resolution === null ? null : redactText(a.resolution),
    acknowledgedAt: iso(a.acknowledgedAt),
    deliveries: deliveries.get(a.id) ?? [],
  }));
}

export function listAlerts(
  ctx: CoreContext,
  f: { status: 'open' | 'resolved' | 'all'; kind?: AlertKind | undefined; jobId?: number | undefined; limit: number; offset: number },
): Page<Alert> {
  const { items, total } = ctx.store.alerts.list({
    status: f.status,
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.jobId !== undefined ? { jobId: f.jobId } : {}),
    limit: f.limit,
    offset: f.offset,
  });
  return { items: views(ctx, items), total };
}

/** Acknowledging says "I have seen it": the alert stays open until its condition clears. */
export function acknowledgeAlert(ctx: CoreContext, id: number): Alert {
  const before = ctx.store.alerts.get(id);
  if (!before) throw notFound('Alert', id);
  const after = ctx.store.alerts.acknowledge(id, ctx.actor, ctx.now())!;
  if (before.acknowledgedAt === null) ctx.store.audit.record(ctx.actor, 'alert.acknowledge', after.jobId, { alertId: id });
  return views(ctx, [after])[0]!;
}
