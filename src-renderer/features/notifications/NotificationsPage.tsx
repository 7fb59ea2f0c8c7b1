import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { NotifyChannel } from '../../../src-shared/ops';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import '../alerts/ops-pages.css';
import { AlertRulesForm } from './AlertRulesForm';
import { ChannelForm } from './ChannelForm';
import { useChannels, useRemoveChannel, useTestChannel, useUpdateChannel } from './use-channels';

function target(c: NotifyChannel, t: TFunction): string {
  const cfg = c.config as Record<string, unknown>;
  if (c.type === 'webhook') return `${String(cfg.url)} · ${String(cfg.format)}`;
  if (c.type === 'email') return `${String(cfg.host)}:${String(cfg.port)} (${String(cfg.security)}) → ${(cfg.to as string[]).join(', ')}`;
  return t('Desktop notification (shown by the desktop app)');
}

function ChannelCard({ channel }: { channel: NotifyChannel }) {
  const { t } = useTranslation();
  const test = useTestChannel();
  const update = useUpdateChannel();
  const remove = useRemoveChannel();
  return (
    <article className="card channel-card" aria-label={t('Channel {{name}}', { name: channel.name })}>
      <div className="channel-card-head">
        <strong>{channel.name}</strong>
        <span className="tag">{t(channel.type)}</span>
        {!channel.enabled && <span className="tag">{t('off')}</span>}
      </div>
      <div className="mono small">{target(channel, t)}</div>
      <div className="channel-actions">
        <button type="button" className="btn btn-small" disabled={test.isPending} onClick={() => test.mutate({ id: channel.id })}>
          {test.isPending ? t('Sending…') : t('Send test')}
        </button>
        <button type="button" className="btn btn-small" disabled={update.isPending} onClick={() => update.mutate({ id: channel.id, enabled: !channel.enabled })}>
          {channel.enabled ? t('Switch off') : t('Switch on')}
        </button>
        <button type="button" className="btn btn-small btn-danger-quiet" disabled={remove.isPending} onClick={() => remove.mutate({ id: channel.id })}>
          {t('Remove')}
        </button>
      </div>
      {test.data && (
        <p role="status" className="alert alert-info">
          {test.data.message}
        </p>
      )}
      <ErrorAlert error={test.error ?? update.error ?? remove.error} />
    </article>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  const channels = useChannels();
  return (
    <div className="page">
      <PageHeader title="Notifications" subtitle={t('Where alerts are sent. Passwords and webhook tokens are stored, never shown.')} />
      {channels.isPending && <Loading label="Loading channels…" />}
      {channels.isError && <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} />}
      {channels.data && channels.data.length === 0 && <EmptyState title="No channels yet">{t('Add one below; alerts are recorded either way.')}</EmptyState>}
      <div className="channel-list">{channels.data?.map((c) => <ChannelCard key={c.id} channel={c} />)}</div>
      <ChannelForm />
      <AlertRulesForm />
    </div>
  );
}
