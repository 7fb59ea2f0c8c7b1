-- What `cnp import legacy` brought over from the original Night Pilot's databases: a second import
-- of the same rows adds nothing. legacy_key names the row in its source (table, id, creation time).
CREATE TABLE legacy_imports (
  legacy_key   TEXT    PRIMARY KEY,
  local_kind   TEXT    NOT NULL CHECK (local_kind IN ('prompt', 'job', 'run')),
  local_id     INTEGER NOT NULL,
  source_path  TEXT    NOT NULL,
  imported_at  INTEGER NOT NULL
) WITHOUT ROWID;
