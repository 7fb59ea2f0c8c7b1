import type { Database } from 'better-sqlite3';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-shared/domain';
import { parseJson } from './json';

export class SettingsRepo {
  constructor(private readonly db: Database) {}

  getAll(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored: Record<string, unknown> = {};
    for (const r of rows) if (r.key in DEFAULT_SETTINGS) stored[r.key] = parseJson(r.value, undefined);
    return { ...DEFAULT_SETTINGS, ...(stored as Partial<Settings>) };
  }

  setMany(patch: Partial<Settings>): Settings {
    const put = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) put.run(key, JSON.stringify(value));
    })();
    return this.getAll();
  }
}

/** Internal state that is not a user setting but must survive restarts (e.g. the last usage warning). */
export class StateRepo {
  constructor(private readonly db: Database) {}

  get<T>(key: string): T | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(`state:${key}`) as { value: string } | undefined;
    return row ? parseJson<T | null>(row.value, null) : null;
  }

  set(key: string, value: unknown): void {
    if (value === null) {
      this.db.prepare('DELETE FROM settings WHERE key = ?').run(`state:${key}`);
      return;
    }
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(`state:${key}`, JSON.stringify(value));
  }
}
