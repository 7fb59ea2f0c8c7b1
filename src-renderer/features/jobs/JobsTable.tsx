import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { Job } from '../../../src-shared/domain';
import { useCooldownStatus } from '../../api/system';
import { useNow } from '../../lib/use-now';
import { useJobsView, type JobSortColumn } from '../../state/jobs-view';
import { useTranslation } from 'react-i18next';
import { JobRow, type JobRowActions } from './JobRow';

const ROW_HEIGHT = 56;

const COLUMNS: { label: string; sort?: JobSortColumn; className?: string }[] = [
  { label: 'Select', className: 'col-select' },
  { label: 'Name', sort: 'name', className: 'col-name' },
  { label: 'Schedule', sort: 'schedule', className: 'col-schedule' },
  { label: 'Next run', sort: 'nextRun', className: 'col-next' },
  { label: 'Last run', sort: 'lastRun', className: 'col-last' },
  { label: 'Success', sort: 'successRate', className: 'col-rate' },
  { label: 'Enabled', sort: 'enabled', className: 'col-enabled' },
  { label: 'Actions', className: 'col-actions' },
];

interface JobsTableProps extends JobRowActions {
  jobs: readonly Job[];
  selected: ReadonlySet<number>;
  onSelectAll: (selected: boolean) => void;
}

/**
 * Only the rows in view are in the DOM (plus a few either side): the table stays a real <table>
 * for assistive tech, with spacer rows standing in for the ones scrolled away.
 */
export function JobsTable({ jobs, selected, onSelectAll, ...actions }: JobsTableProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const sort = useJobsView((s) => s.sort);
  const sortBy = useJobsView((s) => s.sortBy);
  const now = useNow(30_000);
  const cooldown = useCooldownStatus().data;
  const virtualizer = useVirtualizer({
    count: jobs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => jobs[index]?.id ?? index,
    // jsdom and first paint have no layout; show a first screenful rather than nothing.
    initialRect: { width: 1200, height: 800 },
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <div ref={scrollRef} className="table-scroll" tabIndex={-1}>
      <table className="data-table jobs-table" aria-rowcount={jobs.length + 1}>
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.label} className={c.className} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const active = c.sort !== undefined && sort.column === c.sort;
              return (
                <th key={c.label} scope="col" className={c.className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                  {c.label === 'Select' ? (
                    <input
                      type="checkbox"
                      aria-label={t('Select all shown jobs')}
                      checked={jobs.length > 0 && selected.size === jobs.length}
                      ref={(el) => {
                        if (el) el.indeterminate = selected.size > 0 && selected.size < jobs.length;
                      }}
                      onChange={(e) => onSelectAll(e.target.checked)}
                    />
                  ) : c.sort ? (
                    <button type="button" className="th-sort" onClick={() => c.sort && sortBy(c.sort)}>
                      {t(c.label)}
                      <span aria-hidden="true" className="sort-arrow">
                        {active ? (sort.descending ? '▼' : '▲') : ''}
                      </span>
                    </button>
                  ) : (
                    <span className="visually-hidden">{t(c.label)}</span>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={COLUMNS.length} style={{ height: top }} />
            </tr>
          )}
          {items.map((item) => {
            const job = jobs[item.index];
            if (!job) return null;
            return (
              <JobRow key={job.id} job={job} now={now} index={item.index} measureRef={virtualizer.measureElement} selected={selected.has(job.id)} cooldown={cooldown} {...actions} />
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={COLUMNS.length} style={{ height: bottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
