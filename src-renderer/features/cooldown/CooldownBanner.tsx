import type { CooldownStatus } from '../../../src-shared/domain';
import { useClearCooldown, useCooldownStatus } from '../../api/system';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatPercent } from '../../lib/numbers';
import { formatClock, formatSpan } from '../../lib/time';
import { useNow } from '../../lib/use-now';

/** "2h 14m" without seconds once it is over a minute away: the banner changes once a minute. */
function countdown(ms: number): string {
  if (ms <= 0) return 'any moment';
  return ms >= 60_000 ? formatSpan(Math.ceil(ms / 60_000) * 60_000).replace(/ 00s$/, '') : formatSpan(ms);
}

function CoolingLine({ status, now }: { status: CooldownStatus; now: number }) {
  const resetsAt = status.resetsAt ? Date.parse(status.resetsAt) : null;
  return (
    <p className="banner-main">
      <strong>
        Cooling down
        {resetsAt !== null ? ` — resets at ${formatClock(resetsAt)} (in ${countdown(resetsAt - now)})` : ' — reset time unknown'}
      </strong>
      <span className="banner-detail">
        {status.deferredRuns === 0
          ? 'No runs waiting. '
          : `${status.deferredRuns} deferred run${status.deferredRuns === 1 ? '' : 's'} will start then. `}
        Claude runs wait; shell and HTTP jobs keep running.
      </span>
    </p>
  );
}

function WarningLine({ warning }: { warning: NonNullable<CooldownStatus['warning']> }) {
  const limit = warning.limitType ? warning.limitType.replace(/_/g, ' ') : 'usage';
  return (
    <p className="banner-warning">
      Close to the {limit} limit
      {warning.utilization !== null && ` (${formatPercent(warning.utilization > 1 ? warning.utilization / 100 : warning.utilization)} used)`}
      {warning.resetsAt && `, resets at ${formatClock(warning.resetsAt)}`}.
    </p>
  );
}

/** Shown on every page while Claude's usage limit is in force, or when it is close. */
export function CooldownBanner() {
  const status = useCooldownStatus();
  const clear = useClearCooldown();
  const now = useNow(1_000);
  const s = status.data;
  if (!s || (!s.cooling && !s.warning)) return null;
  return (
    <div role="status" className={`banner ${s.cooling ? 'banner-cooling' : 'banner-warn'}`}>
      <div className="banner-text">
        {s.cooling && <CoolingLine status={s} now={now} />}
        {s.warning && <WarningLine warning={s.warning} />}
        <ErrorAlert error={clear.error} />
      </div>
      {s.cooling && (
        <button type="button" className="btn btn-small" disabled={clear.isPending} onClick={clear.clear} title="Start deferred runs now">
          Clear
        </button>
      )}
    </div>
  );
}
