-- A run's process is recognised by its pid and its start time, so recovery never kills a stranger
-- that was given the same pid later.
ALTER TABLE runs ADD COLUMN pid_started TEXT;
