import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput } from '../../../src-shared/contract';
import type { ChannelType, SmtpSecurity, WebhookFormat } from '../../../src-shared/ops';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAddChannel } from './use-channels';

interface Draft {
  type: ChannelType;
  name: string;
  url: string;
  format: WebhookFormat;
  host: string;
  port: string;
  security: SmtpSecurity;
  username: string;
  password: string;
  from: string;
  to: string;
}

const EMPTY: Draft = { type: 'webhook', name: '', url: '', format: 'json', host: '', port: '', security: 'starttls', username: '', password: '', from: '', to: '' };

/** The draft as the contract's input: only the fields of the chosen type; the server validates them. */
function toInput(d: Draft): CallInput<'channels.add'> {
  if (d.type === 'os') return { type: 'os', name: d.name };
  if (d.type === 'webhook') return { type: 'webhook', name: d.name, url: d.url.trim(), format: d.format };
  return {
    type: 'email',
    name: d.name,
    host: d.host.trim(),
    ...(d.port.trim() ? { port: Number(d.port) } : {}),
    security: d.security,
    ...(d.username ? { username: d.username } : {}),
    ...(d.password ? { password: d.password } : {}),
    from: d.from.trim(),
    to: d.to
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

export function ChannelForm() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const add = useAddChannel();
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(toInput(draft), { onSuccess: () => setDraft(EMPTY) });
  };
  return (
    <form className="channel-form panel" onSubmit={submit} aria-label={t('Add a channel')}>
      <h2>{t('Add a channel')}</h2>
      <label className="field">
        {t('Type')}
        <select value={draft.type} onChange={(e) => set({ type: e.target.value as ChannelType })}>
          <option value="webhook">{t('Webhook (JSON, Slack, Discord)')}</option>
          <option value="email">{t('Email (SMTP)')}</option>
          <option value="os">{t('Desktop notification')}</option>
        </select>
      </label>
      <label className="field">
        {t('Name')}
        <input value={draft.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      {draft.type === 'webhook' && (
        <>
          <label className="field">
            {t('URL')}
            <input value={draft.url} onChange={(e) => set({ url: e.target.value })} placeholder="https://hooks.slack.com/services/…" />
          </label>
          <label className="field">
            {t('Payload')}
            <select value={draft.format} onChange={(e) => set({ format: e.target.value as WebhookFormat })}>
              <option value="json">JSON</option>
              <option value="slack">Slack</option>
              <option value="discord">Discord</option>
            </select>
          </label>
        </>
      )}
      {draft.type === 'email' && (
        <>
          <label className="field">
            {t('SMTP host')}
            <input value={draft.host} onChange={(e) => set({ host: e.target.value })} placeholder="smtp.example.com" />
          </label>
          <label className="field">
            {t('Port')}
            <input value={draft.port} inputMode="numeric" onChange={(e) => set({ port: e.target.value })} placeholder="587" />
          </label>
          <label className="field">
            {t('Security')}
            <select value={draft.security} onChange={(e) => set({ security: e.target.value as SmtpSecurity })}>
              <option value="starttls">STARTTLS</option>
              <option value="tls">TLS</option>
              <option value="none">{t('None (local relay)')}</option>
            </select>
          </label>
          <label className="field">
            {t('User name')}
            <input value={draft.username} autoComplete="off" onChange={(e) => set({ username: e.target.value })} />
          </label>
          <label className="field">
            {t('Password')}
            <input type="password" value={draft.password} autoComplete="new-password" onChange={(e) => set({ password: e.target.value })} />
          </label>
          <label className="field">
            {t('From')}
            <input value={draft.from} onChange={(e) => set({ from: e.target.value })} placeholder="pilot@example.com" />
          </label>
          <label className="field">
            {t('To')}
            <input value={draft.to} onChange={(e) => set({ to: e.target.value })} placeholder="me@example.com, team@example.com" />
          </label>
        </>
      )}
      <ErrorAlert error={add.error} />
      <div>
        <button type="submit" className="btn btn-primary" disabled={add.isPending}>
          {t('Add channel')}
        </button>
      </div>
    </form>
  );
}
