import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRunLogView } from '../../state/run-log';

interface LogToolbarProps {
  query: string;
  onQuery: (q: string) => void;
  matchCount: number;
  current: number;
  onStep: (delta: 1 | -1) => void;
  entries: number;
  onCopy: () => void;
  onDownload: () => void;
  copied: boolean;
  /** More download controls (the full log's), after the kept lines' download. */
  extra?: ReactNode;
}

export function LogToolbar({ query, onQuery, matchCount, current, onStep, entries, onCopy, onDownload, copied, extra }: LogToolbarProps) {
  const { t } = useTranslation();
  const { follow, setFollow, timestamps, setTimestamps } = useRunLogView();
  const searching = query.trim() !== '';
  return (
    <div className="live-log-toolbar" role="toolbar" aria-label={t('Log tools')}>
      <input
        type="search"
        aria-label={t('Search log')}
        placeholder={t('Search log…')}
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          }
        }}
      />
      <button type="button" className="btn btn-small" disabled={matchCount === 0} onClick={() => onStep(-1)} aria-label={t('Previous match')}>
        ↑
      </button>
      <button type="button" className="btn btn-small" disabled={matchCount === 0} onClick={() => onStep(1)} aria-label={t('Next match')}>
        ↓
      </button>
      <span className="muted small" aria-live="polite">
        {searching ? (matchCount === 0 ? t('No matches') : t('Match {{current}} of {{count}}', { current: current + 1, count: matchCount })) : t('{{count}} entries', { count: entries })}
      </span>
      <span className="spacer-flex" />
      <label className="inline-check">
        <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />
        {t('Timestamps')}
      </label>
      <label className="inline-check">
        <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
        {t('Follow')}
      </label>
      <button type="button" className="btn btn-small" onClick={onCopy}>
        {copied ? t('Copied') : t('Copy log')}
      </button>
      <button type="button" className="btn btn-small" onClick={onDownload}>
        {t('Download log')}
      </button>
      {extra}
    </div>
  );
}
