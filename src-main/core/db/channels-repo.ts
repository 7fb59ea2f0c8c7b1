import type { Database } from 'better-sqlite3';
import type { ChannelType, EmailChannelConfig, WebhookChannelConfig } from '../../../src-shared/ops';
import { parseJson } from './json';

/** A channel as stored: the config in clear (secrets included). Never shown as is. */
export interface ChannelRecord {
  id: number;
  name: string;
  type: ChannelType;
  enabled: boolean;
  maxPerHour: number;
  config: Partial<WebhookChannelConfig & EmailChannelConfig>;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: number;
  name: string;
  type: ChannelType;
  enabled: 0 | 1;
  max_per_hour: number;
  config: string;
  created_at: number;
  updated_at: number;
}

const toRecord = (r: Row): ChannelRecord => ({
  id: r.id,
  name: r.name,
  type: r.type,
  enabled: r.enabled === 1,
  maxPerHour: r.max_per_hour,
  config: parseJson(r.config, {}),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type NewChannel = Pick<ChannelRecord, 'name' | 'type' | 'enabled' | 'maxPerHour' | 'config'>;

export class ChannelsRepo {
  constructor(private readonly db: Database) {}

  list(): ChannelRecord[] {
    return (this.db.prepare('SELECT * FROM notify_channels ORDER BY id').all() as Row[]).map(toRecord);
  }

  get(id: number): ChannelRecord | null {
    const r = this.db.prepare('SELECT * FROM notify_channels WHERE id = ?').get(id) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  byName(name: string): ChannelRecord | null {
    const r = this.db.prepare('SELECT * FROM notify_channels WHERE name = ?').get(name) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  insert(c: NewChannel, now: number): ChannelRecord {
    const info = this.db
      .prepare('INSERT INTO notify_channels (name, type, config, enabled, max_per_hour, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(c.name, c.type, JSON.stringify(c.config), c.enabled ? 1 : 0, c.maxPerHour, now, now);
    return this.get(Number(info.lastInsertRowid))!;
  }

  update(id: number, c: NewChannel, now: number): ChannelRecord | null {
    this.db
      .prepare('UPDATE notify_channels SET name = ?, config = ?, enabled = ?, max_per_hour = ?, updated_at = ? WHERE id = ?')
      .run(c.name, JSON.stringify(c.config), c.enabled ? 1 : 0, c.maxPerHour, now, id);
    return this.get(id);
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM notify_channels WHERE id = ?').run(id).changes > 0;
  }
}
