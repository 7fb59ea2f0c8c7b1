-- Which Claude work a cooldown stops, and why it ends (issue 10).
-- A weekly Opus or Sonnet limit stops only runs on that model family; every other limit stops all.
ALTER TABLE cooldowns ADD COLUMN scope TEXT NOT NULL DEFAULT 'all' CHECK (scope IN ('all', 'opus', 'sonnet'));
-- five_hour, seven_day, seven_day_opus, … when the CLI named it.
ALTER TABLE cooldowns ADD COLUMN limit_type TEXT;
-- A spend, credit or organisation limit: only the user can lift it (the cooldown re-probes hourly).
ALTER TABLE cooldowns ADD COLUMN needs_user INTEGER NOT NULL DEFAULT 0 CHECK (needs_user IN (0, 1));
-- 0: waiting for a known reset. 1–4: the named reset had just passed, so this is a short probe
-- (about 1, 2, 5, 10 minutes), growing while the limit holds.
ALTER TABLE cooldowns ADD COLUMN probe_step INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cooldowns_scope ON cooldowns (scope, cleared_at);
