-- The full log of a run (issue 13): everything it printed, secrets masked, in a file beside the
-- database, while run_events keeps only the head and the tail. NULL: no full log was kept (the
-- setting was off, or the run never got to execute).
ALTER TABLE runs ADD COLUMN raw_log_bytes INTEGER;
-- 1 once the run ended with every line it printed in the file; 0 while it is still being written,
-- or when the size cap (or a line too long to keep whole) left something out.
ALTER TABLE runs ADD COLUMN raw_log_complete INTEGER NOT NULL DEFAULT 0 CHECK (raw_log_complete IN (0, 1));
