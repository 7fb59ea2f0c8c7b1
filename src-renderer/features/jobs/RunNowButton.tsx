import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../../src-shared/domain';
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

/** "Run now", with a warning first when a cooldown would only defer the run. */
export function RunNowButton({ job, busy, onRunNow, className = 'btn', label }: RunNowButtonProps) {
  const { t } = useTranslation();
  const cooldown = useCooldownStatus().data;
  const [asking, setAsking] = useState(false);
  const wouldDefer = job.kind === 'claude' && cooldown?.cooling === true;
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
