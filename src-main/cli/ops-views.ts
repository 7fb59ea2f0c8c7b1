import type { Page } from '../../src-shared/domain';
import type { Alert, AuditEntry, NotifyChannel, StatsSummary } from '../../src-shared/ops';
import { keyValues, table } from './output';
import { durationText, money, timeIn } from './views';

/** Human renderings of the operations results (audit, alerts, channels, stats). */

export function auditTable(page: Page<AuditEntry>): string {
  if (!page.items.length) return 'No audit entries match.';
  const rows = page.items.map((e) => [e.id, timeIn(e.ts), e.actor, e.action, e.jobId, JSON.stringify(e.details)]);
  const more = page.total > page.items.length ? `\n(${page.items.length} of ${page.total}; use --limit and --offset for more)` : '';
  return `${table(['ID', 'WHEN', 'ACTOR', 'ACTION', 'JOB', 'DETAILS'], rows, [8, 22, 6, 22, 8, 60])}${more}`;
}

export function alertsTable(page: Page<Alert>): string {
  if (!page.items.length) return 'No alerts.';
  const rows = page.items.map((a) => [
    a.id,
    a.resolvedAt ? 'resolved' : a.acknowledgedAt ? 'open (ack)' : 'OPEN',
    a.kind,
    a.title,
    timeIn(a.openedAt),
    a.deliveries.map((d) => `${d.channelName ?? `#${d.channelId}`}:${d.event}:${d.status}`).join(' ') || '-',
  ]);
  return table(['ID', 'STATE', 'KIND', 'TITLE', 'OPENED', 'DELIVERIES'], rows, [8, 10, 22, 50, 22, 80]);
}

function channelTarget(c: NotifyChannel): string {
  const cfg = c.config as Record<string, unknown>;
  if (c.type === 'webhook') return `${String(cfg.url)} (${String(cfg.format)})`;
  if (c.type === 'email') return `${String(cfg.host)}:${String(cfg.port)} ${String(cfg.security)} → ${(cfg.to as string[]).join(', ')}`;
  return 'desktop notification';
}

export function channelsTable(list: NotifyChannel[]): string {
  if (!list.length) return 'No notification channels. Add one with `cnp notify channel add`.';
  return table(
    ['ID', 'NAME', 'TYPE', 'ENABLED', 'PER HOUR', 'TARGET'],
    list.map((c) => [c.id, c.name, c.type, c.enabled ? 'yes' : 'no', c.maxPerHour, channelTarget(c)]),
    [8, 30, 8, 8, 8, 80],
  );
}

export function channelText(c: NotifyChannel): string {
  const cfg = c.config as Record<string, unknown>;
  return keyValues([
    ['id', c.id],
    ['name', c.name],
    ['type', c.type],
    ['enabled', c.enabled ? 'yes' : 'no'],
    ['per hour', c.maxPerHour],
    ['target', channelTarget(c)],
    ...(c.type === 'email' ? ([['user', (cfg.username as string | null) ?? null], ['password', (cfg.password as string | null) ?? null]] as [string, string | null][]) : []),
  ]);
}

const pct = (x: number | null) => (x === null ? null : `${(x * 100).toFixed(1)}%`);
const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || null;

export function statsText(s: StatsSummary): string {
  return keyValues([
    ['since', timeIn(s.since)],
    ['runs', s.runs],
    ['by trigger', counts(s.byTrigger)],
    ['by status', counts(s.byStatus)],
    ['success rate', pct(s.successRate)],
    ['failure rate', pct(s.failureRate)],
    ['p95 duration', durationText(s.p95DurationMs)],
    ['cost', money(s.costUsd)],
  ]);
}
