import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CooldownStatus, Job } from '../../../src-shared/domain';
import { scopeStopsModel } from '../../../src-shared/limit-scope';
import { useCooldownStatus } from '../../api/system';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatInZone } from '../../lib/time';

interface RunNowButtonProps {
  job: Job;
  busy: boolean;
  onRunNow: (job: Job) => void;
  className?: string;
  /** Visible text; the accessible name always carries the job's name. */
  label?: string;
}

/**
 * Whether the engine would defer a run of this job now (cooldown-state's planClaudeRun): a limit on
 * one model family holds back only that family, unless the job falls back to a model no limit covers.
 * A job without a model is taken as held back, as the engine does for one that never ran.
 */
export function wouldDeferRun(job: Job, cooldown: CooldownStatus | undefined): boolean {
  if (job.kind !== 'claude' || cooldown?.cooling !== true) return false;
  const scopes = cooldown.cooldowns?.map((c) => c.scope) ?? ['all' as const];
  const stopping = scopes.find((scope) => scopeStopsModel(scope, job.options.model));
  if (stopping === undefined) return false;
  const fallback = job.options.fallbackModel;
  const fallsBack = stopping !== 'all' && job.options.fallbackOnLimit === true && !!fallback && !scopes.some((scope) => scopeStopsModel(scope, fallback));
  return !fallsBack;
}

/** "Run now", with a warning first when a cooldown would only defer the run. */
export function RunNowButton(props: RunNowButtonProps) {
  return <RunNowControl {...props} cooldown={useCooldownStatus().data} />;
}

/**
 * The button itself, given the cooldown status: the jobs table reads that status once for all its
 * rows instead of each row keeping its own query (and its refetch timer).
 */
export function RunNowControl({ job, busy, onRunNow, className = 'btn', label, cooldown }: RunNowButtonProps & { cooldown: CooldownStatus | undefined }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const wouldDefer = wouldDeferRun(job, cooldown);
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={busy}
        onClick={() => (wouldDefer ? setAsking(true) : onRunNow(job))}
      >
        {/* The name read out carries the job ("Run nightly-review now"); the eye sees "Run now". */}
        <span aria-hidden="true">{label ?? t('Run now')}</span>
        <span className="visually-hidden">{t('Run {{name}} now', { name: job.name })}</span>
      </button>
      {asking && (
        <ConfirmDialog
          title={t('Claude is cooling down')}
          confirmLabel={t('Queue it anyway')}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            onRunNow(job);
          }}
        >
          <p>
            {cooldown?.resetsAt
              ? t('“{{name}}” will not start now: it will be deferred until the usage limit resets at {{time}}.', {
                  name: job.name,
                  time: formatInZone(cooldown.resetsAt),
                })
              : t('“{{name}}” will not start now: it will be deferred until the usage limit resets.', { name: job.name })}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
