-- One engine schedules per database. The holder renews its heartbeat; a stale lease can be taken over.
CREATE TABLE engine_lease (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  holder        TEXT    NOT NULL,
  pid           INTEGER NOT NULL,
  hostname      TEXT    NOT NULL,
  acquired_at   INTEGER NOT NULL,
  heartbeat_at  INTEGER NOT NULL
);
