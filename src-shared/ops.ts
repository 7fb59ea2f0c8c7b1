/**
 * Operations as every side sees them (issue 11): alerts, notification channels, the audit log and
 * the near-24-hour figures. Plain JSON, times as ISO-8601 UTC strings.
 */
export const ALERT_KINDS = ['consecutive_failures', 'scheduler_stalled', 'claude_auth', 'usage_limit', 'cooldown'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const CHANNEL_TYPES = ['os', 'webhook', 'email'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const WEBHOOK_FORMATS = ['json', 'slack', 'discord'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

export const AUDIT_ACTORS = ['ui', 'cli', 'system'] as const;
export type AuditActor = (typeof AUDIT_ACTORS)[number];

export interface AlertDelivery {
  channelId: number;
  channelName: string | null;
  event: 'opened' | 'resolved';
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'rate_limited';
  attemptedAt: string | null;
  error: string | null;
}

export interface Alert {
  id: number;
  kind: AlertKind;
  jobId: number | null;
  jobName: string | null;
  title: string;
  cause: string;
  runIds: number[];
  openedAt: string;
  resolvedAt: string | null;
  resolution: string | null;
  acknowledgedAt: string | null;
  deliveries: AlertDelivery[];
}

export interface WebhookChannelConfig {
  url: string;
  format: WebhookFormat;
  headers: Record<string, string>;
}
export interface EmailChannelConfig {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  password: string | null;
  from: string;
  to: string[];
}
export type ChannelConfig = Record<string, never> | WebhookChannelConfig | EmailChannelConfig;

/** A channel as shown: secrets (passwords, tokens in URLs, header values) are masked. */
export interface NotifyChannel {
  id: number;
  name: string;
  type: ChannelType;
  enabled: boolean;
  maxPerHour: number;
  config: ChannelConfig;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelTestResult {
  ok: true;
  channelId: number;
  message: string;
}

export interface AuditEntry {
  id: number;
  ts: string;
  actor: AuditActor;
  action: string;
  jobId: number | null;
  details: Record<string, unknown>;
}

export interface StatsSummary {
  since: string;
  until: string;
  runs: number;
  byTrigger: Record<string, number>;
  byStatus: Record<string, number>;
  succeeded: number;
  failed: number;
  successRate: number | null;
  failureRate: number | null;
  p95DurationMs: number | null;
  costUsd: number;
}
