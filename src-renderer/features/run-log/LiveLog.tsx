import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunEvent } from '../../../src-shared/domain';
import { formatInZone } from '../../lib/time';
import { useRunLogView } from '../../state/run-log';
import { buildLog, logText, matchIndices, type LogRow } from './log-rows';
import { LogRowView } from './LogRowView';
import { LogToolbar } from './LogToolbar';

interface LiveLogProps {
  events: readonly RunEvent[];
  loading: boolean;
  truncated: boolean;
  /** The run is still going: an empty log means "waiting", not "nothing". */
  live: boolean;
  /** For the downloaded file's name. */
  runId?: number;
  /** The full log's download, where the run has one. */
  fullLog?: ReactNode;
}

const stamp = (ts: string) => formatInZone(ts, undefined, { seconds: true });

/** Row height of a plain one-line entry (CSS .log-fixed): such rows are never measured. */
const LINE_HEIGHT = 20;
const FIXED_MAX_CHARS = 400;

/**
 * Most of a long log is short single lines: giving those a fixed height (no wrapping, scrolled
 * sideways when long) spares a layout measurement per row while scrolling; the rest is measured.
 */
function isFixed(row: LogRow): boolean {
  return (row.type === 'stdout' || row.type === 'stderr') && row.text.length <= FIXED_MAX_CHARS && !row.text.includes('\n');
}

/**
 * The run's output, virtualised (only rows in view are in the DOM) so 100,000 lines scroll
 * smoothly. Rows have different heights (Markdown, open tool calls), so each is measured. Search
 * keeps every row and steps through the matches, so a match is read in its context.
 */
export function LiveLog({ events, loading, truncated, live, runId, fullLog }: LiveLogProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { follow, setFollow, timestamps } = useRunLogView();
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const [copied, setCopied] = useState(false);
  const deferredQuery = useDeferredValue(query);
  const model = useMemo(() => buildLog(events), [events]);
  const rows = model.rows;
  const matches = useMemo(() => matchIndices(model, deferredQuery), [model, deferredQuery]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  const currentRow = matches[Math.min(current, matches.length - 1)] ?? -1;

  // Stable while the rows are: the virtualiser recomputes every row's offset (100,000 of them) each
  // time getItemKey changes identity, which a fresh closure per render did on every scroll frame.
  const estimateSize = useCallback((index: number) => {
    const row = rows[index];
    return row && isFixed(row) ? LINE_HEIGHT : 24;
  }, [rows]);
  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 4,
    getItemKey,
    initialRect: { width: 900, height: 600 },
  });

  useEffect(() => {
    if (follow && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [follow, rows.length, virtualizer]);

  // A new search starts at its first match.
  useEffect(() => {
    setCurrent(0);
    if (matches[0] !== undefined) {
      setFollow(false);
      virtualizer.scrollToIndex(matches[0], { align: 'center' });
    }
    // Only when the query changes, not when live rows add matches.
  }, [deferredQuery]);

  const step = (delta: 1 | -1) => {
    if (matches.length === 0) return;
    const next = (current + delta + matches.length) % matches.length;
    setCurrent(next);
    setFollow(false);
    virtualizer.scrollToIndex(matches[next]!, { align: 'center' });
  };

  const text = () => logText(model, timestamps ? stamp : () => null);
  const copy = () => {
    void navigator.clipboard?.writeText(text()).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text()], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `run-${runId ?? 'log'}.log`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  // Scrolling back up means "let me read": following would yank the view away.
  const stopFollowing = () => {
    if (follow) setFollow(false);
  };

  return (
    <section aria-label={t('Live log')} className="live-log">
      <LogToolbar
        query={query}
        onQuery={setQuery}
        matchCount={matches.length}
        current={Math.min(current, Math.max(0, matches.length - 1))}
        onStep={step}
        entries={rows.length}
        onCopy={copy}
        onDownload={download}
        copied={copied}
        extra={fullLog}
      />
      {truncated && <p className="log-truncated-note small">{t('This log is not complete: only the head and the tail of the output were kept (see the marker).')}</p>}
      <div
        ref={scrollRef}
        className="live-log-scroll"
        tabIndex={0}
        role="log"
        aria-live="off"
        aria-label={t('Log output')}
        onWheel={(e) => e.deltaY < 0 && stopFollowing()}
        onKeyDown={(e) => (e.key === 'PageUp' || e.key === 'ArrowUp' || e.key === 'Home') && stopFollowing()}
      >
        {rows.length === 0 ? (
          <p className="muted live-log-empty">{loading ? t('Loading log…') : live ? t('Waiting for output…') : t('No output.')}</p>
        ) : (
          <div className="live-log-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const ts = timestamps ? model.times.get(row.seq) : undefined;
              const match = matchSet.has(item.index);
              const fixed = isFixed(row);
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={fixed ? undefined : virtualizer.measureElement}
                  className={`live-log-row${fixed ? ' log-fixed' : ''}${match ? ' log-row-match' : ''}${item.index === currentRow ? ' log-row-current' : ''}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  {ts && <span className="log-ts">{stamp(ts)}</span>}
                  <LogRowView row={row} results={model.results} query={match ? deferredQuery : ''} />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
