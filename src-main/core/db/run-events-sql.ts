/**
 * The SQL that stores run output, shared by EventsRepo (on the event loop) and the background
 * writer's thread, which gets the texts through its workerData: one statement, two places to run it.
 */

/** Rows per INSERT statement: one call per row costs more than the row. */
export const ROWS_PER_INSERT = 50;

export const insertRunEventsSql = (rows: number): string =>
  `INSERT INTO run_events (run_id, seq, ts, kind, payload) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?)').join(', ')}`;

/**
 * Moves a run's event count on (MAX: the two writers' batches may commit out of order). Bound as
 * event count, truncated (0/1), run id; it changes no row once the run is gone.
 */
export const COUNT_RUN_EVENTS_SQL = 'UPDATE runs SET event_count = MAX(event_count, ?), events_truncated = MAX(events_truncated, ?) WHERE id = ?';
