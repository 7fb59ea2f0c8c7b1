import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CooldownStatus } from '../../../src-shared/domain';
import { useCallQuery } from '../../api/call';
import { useClearCooldown, useCooldownStatus } from '../../api/system';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatPercent } from '../../lib/numbers';
import { formatClock, formatInZone, formatSpan } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { href } from '../../routing';
import { UsageMeters } from './UsageMeters';
import { limitName } from './limit-names';

const HOUR = 3_600_000;

/** "2h 14m" while the reset is over an hour away; "59m 12s" in the last hour, to the second. */
export function countdown(ms: number): string {
  if (ms <= 0) return 'any moment';
  return ms >= HOUR ? formatSpan(Math.ceil(ms / 60_000) * 60_000) : formatSpan(Math.ceil(ms / 1000) * 1000);
}

/**
 * When a limit resets: the time of day within a day (the countdown beside it says how far), the date
 * too beyond that — a weekly limit's "resets at 01:32" would read as tonight. The CLI words it alike.
 */
export function resetWhen(resetsAt: string, now = Date.now()): string {
  return Date.parse(resetsAt) - now < 24 * HOUR ? formatClock(resetsAt) : formatInZone(resetsAt);
}

/** The family names as the CLI and the meters write them ("Opus limit"). */
const FAMILY_NAMES: Record<string, string> = { opus: 'Opus', sonnet: 'Sonnet', haiku: 'Haiku' };

/** A limit scoped to one model family only holds back that family's runs. */
const scopeOf = (status: CooldownStatus): string | null => (status.model ? (FAMILY_NAMES[status.model] ?? status.model) : null);

/**
 * The sentence screen readers hear: it changes when the cooldown or the deferred count changes,
 * never with the ticking countdown, which sits outside the live region.
 */
function CoolingLine({ status }: { status: CooldownStatus }) {
  const { t } = useTranslation();
  const scope = scopeOf(status);
  return (
    <p className="banner-main" role="status">
      <strong>
        {scope ? t('Cooling down ({{model}} only)', { model: scope }) : t('Cooling down')}
        {status.resetsAt ? ` — ${t('resets at {{time}}', { time: resetWhen(status.resetsAt) })}` : ` — ${t('reset time unknown')}`}
      </strong>{' '}
      <span className="banner-detail">
        {status.deferredRuns === 0 ? t('No runs waiting.') : t('Deferred runs waiting: {{count}}.', { count: status.deferredRuns })}{' '}
        {scope ? t('Runs of other models and non-Claude jobs keep running.') : t('Claude runs wait; shell and HTTP jobs keep running.')}
      </span>
    </p>
  );
}

function WarningLine({ warning }: { warning: NonNullable<CooldownStatus['warning']> }) {
  const { t } = useTranslation();
  return (
    <p className="banner-warning" role="status">
      {warning.limitType ? t('Close to the {{limit}} limit', { limit: limitName(t, warning.limitType) }) : t('Close to the usage limit')}
      {warning.utilization !== null && ` (${t('{{percent}} used', { percent: formatPercent(warning.utilization > 1 ? warning.utilization / 100 : warning.utilization) })})`}
      {warning.resetsAt && `, ${t('resets at {{time}}', { time: resetWhen(warning.resetsAt) })}`}.
    </p>
  );
}

/** The confirmation names what Clear will start, so nobody clears a limit blind. */
function ClearDialog({ status, onDone }: { status: CooldownStatus; onDone: () => void }) {
  const { t } = useTranslation();
  const clear = useClearCooldown();
  const deferred = useCallQuery('runs.list', { status: 'deferred_cooldown', limit: 20, offset: 0 });
  const items = deferred.data?.items ?? [];
  return (
    <ConfirmDialog
      title={t('Clear the cooldown?')}
      confirmLabel={t('Clear cooldown')}
      busy={clear.isPending}
      error={clear.error}
      onCancel={onDone}
      onConfirm={() => clear.clear(onDone)}
    >
      <p>
        {status.deferredRuns === 0
          ? t('No run is waiting: Claude jobs will simply start again when due.')
          : t('These deferred runs start now ({{count}}), even if the limit has not reset yet:', { count: status.deferredRuns })}
      </p>
      {items.length > 0 && (
        <ul className="plain-list">
          {items.map((r) => (
            <li key={r.id}>
              <a href={href.run(r.id)}>
                {r.jobName} #{r.id}
              </a>
            </li>
          ))}
        </ul>
      )}
      {status.deferredRuns > items.length && items.length > 0 && <p className="muted small">{t('…and {{count}} more.', { count: status.deferredRuns - items.length })}</p>}
      <p className="muted small">{t('If the limit is still in force they will fail and defer again.')}</p>
    </ConfirmDialog>
  );
}

/** Shown on every page while Claude's usage limit is in force, or when it is close. */
export function CooldownBanner() {
  const { t } = useTranslation();
  const status = useCooldownStatus();
  const [confirming, setConfirming] = useState(false);
  const now = useNow(1_000);
  const s = status.data;
  if (!s || (!s.cooling && !s.warning)) return null;
  const resetsAt = s.resetsAt ? Date.parse(s.resetsAt) : null;
  return (
    <section aria-label={t('Claude usage')} className={`banner ${s.cooling ? 'banner-cooling' : 'banner-warn'}`}>
      <div className="banner-text">
        {s.cooling && <CoolingLine status={s} />}
        {s.cooling && resetsAt !== null && (
          <p className="banner-countdown" role="timer" aria-live="off">
            {t('in {{span}}', { span: countdown(resetsAt - now) })}
          </p>
        )}
        {s.warning && <WarningLine warning={s.warning} />}
        <UsageMeters />
      </div>
      {s.cooling && (
        <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
          {t('Clear cooldown')}
        </button>
      )}
      {confirming && <ClearDialog status={s} onDone={() => setConfirming(false)} />}
    </section>
  );
}
