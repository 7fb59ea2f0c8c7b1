import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { RunEvent } from '../../../src-shared/domain';
import { useRunLogView } from '../../state/run-log';
import { buildLog, filterRows } from './log-rows';
import { LogRowView } from './LogRowView';

interface LiveLogProps {
  events: readonly RunEvent[];
  loading: boolean;
  truncated: boolean;
  /** The run is still going: an empty log means "waiting", not "nothing". */
  live: boolean;
}

/**
 * The run's output, virtualised (only rows in view are in the DOM) so 100,000 lines scroll
 * smoothly. Rows have different heights (Markdown, open tool calls), so each is measured.
 */
export function LiveLog({ events, loading, truncated, live }: LiveLogProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { follow, setFollow } = useRunLogView();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const model = useMemo(() => buildLog(events), [events]);
  const rows = useMemo(() => filterRows(model, deferredQuery), [model, deferredQuery]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 24,
    overscan: 12,
    getItemKey: (index) => rows[index]?.key ?? index,
    initialRect: { width: 900, height: 600 },
  });

  useEffect(() => {
    if (follow && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [follow, rows.length, virtualizer]);

  // Scrolling back up means "let me read": following would yank the view away.
  const stopFollowing = () => {
    if (follow) setFollow(false);
  };

  return (
    <section aria-label="Live log" className="live-log">
      <div className="live-log-toolbar">
        <input type="search" aria-label="Search log" placeholder="Search log…" value={query} onChange={(e) => setQuery(e.target.value)} />
        <label className="inline-check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow
        </label>
        <span className="muted small">
          {deferredQuery.trim() ? `${rows.length} of ${model.rows.length} entries` : `${model.rows.length} entries`}
          {truncated && ' · truncated'}
        </span>
      </div>
      <div
        ref={scrollRef}
        className="live-log-scroll"
        tabIndex={0}
        role="log"
        aria-live="off"
        aria-label="Log output"
        onWheel={(e) => e.deltaY < 0 && stopFollowing()}
        onKeyDown={(e) => (e.key === 'PageUp' || e.key === 'ArrowUp' || e.key === 'Home') && stopFollowing()}
      >
        {rows.length === 0 ? (
          <p className="muted live-log-empty">
            {loading ? 'Loading log…' : deferredQuery.trim() ? 'No entries match.' : live ? 'Waiting for output…' : 'No output.'}
          </p>
        ) : (
          <div className="live-log-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className="live-log-row"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <LogRowView row={row} results={model.results} />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
