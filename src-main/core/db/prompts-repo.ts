import type { Database } from 'better-sqlite3';
import type { Prompt } from '../../../src-shared/domain';
import { iso, parseJson } from './json';

interface PromptRow {
  id: number;
  title: string;
  body: string;
  tags: string;
  created_at: number;
  updated_at: number;
  used_by: number;
}

const SELECT = `SELECT p.*, (SELECT COUNT(*) FROM jobs j WHERE j.prompt_id = p.id) AS used_by FROM prompts p`;

function toPrompt(r: PromptRow): Prompt {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    tags: parseJson<string[]>(r.tags, []),
    usedByJobs: r.used_by,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export class PromptsRepo {
  constructor(private readonly db: Database) {}

  insert(p: { title: string; body: string; tags: string[] }, now = Date.now()): Prompt {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO prompts (title, body, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(p.title, p.body, JSON.stringify(p.tags), now, now);
    return this.get(Number(lastInsertRowid))!;
  }

  get(id: number): Prompt | null {
    const row = this.db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as PromptRow | undefined;
    return row ? toPrompt(row) : null;
  }

  list(filter: { tag?: string; search?: string } = {}): Prompt[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.tag) {
      where.push('EXISTS (SELECT 1 FROM json_each(p.tags) WHERE value = ?)');
      args.push(filter.tag);
    }
    if (filter.search) {
      where.push("(p.title LIKE ? ESCAPE '\\' OR p.body LIKE ? ESCAPE '\\')");
      const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      args.push(like, like);
    }
    const sql = `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY p.title COLLATE NOCASE, p.id`;
    return (this.db.prepare(sql).all(...args) as PromptRow[]).map(toPrompt);
  }

  update(id: number, patch: { title?: string; body?: string; tags?: string[] }, now = Date.now()): Prompt | null {
    const current = this.get(id);
    if (!current) return null;
    this.db
      .prepare('UPDATE prompts SET title = ?, body = ?, tags = ?, updated_at = ? WHERE id = ?')
      .run(patch.title ?? current.title, patch.body ?? current.body, JSON.stringify(patch.tags ?? current.tags), now, id);
    return this.get(id);
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM prompts WHERE id = ?').run(id).changes > 0;
  }
}
