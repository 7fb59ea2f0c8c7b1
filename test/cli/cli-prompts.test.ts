import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, snapshot, tempDir, type TempDir } from '../helpers/cli';

ensureCliBuilt();

interface PromptJson {
  id: number;
  title: string;
  body: string;
  tags: string[];
  usedByJobs: number;
}

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

const cnp = (args: string[], input?: string) => runCli(['--db', t.db, ...args], input !== undefined ? { input } : {});

describe('cnp prompt', () => {
  it('adds a prompt from --body, --file and --stdin', async () => {
    const fromBody = await cnp(['prompt', 'add', '--title', 'Body', '--body', 'Summarise the news', '--tag', 'daily', '--json']);
    expect(fromBody.exitCode).toBe(0);
    expect(fromBody.json).toMatchObject({ title: 'Body', body: 'Summarise the news', tags: ['daily'], usedByJobs: 0 });

    const file = path.join(t.dir, 'prompt.md');
    fs.writeFileSync(file, '# Review\nLook at the open pull requests.\n');
    const fromFile = await cnp(['prompt', 'add', '--title', 'File', '--file', file, '--json']);
    expect(fromFile.json).toMatchObject({ title: 'File', body: '# Review\nLook at the open pull requests.\n' });

    const fromStdin = await cnp(['prompt', 'add', '--title', 'Stdin', '--stdin', '--json'], 'piped text');
    expect(fromStdin.json).toMatchObject({ title: 'Stdin', body: 'piped text' });

    const list = await cnp(['prompt', 'list', '--json']);
    expect((list.json as PromptJson[]).map((p) => p.title).sort()).toEqual(['Body', 'File', 'Stdin']);
    const tagged = await cnp(['prompt', 'list', '--tag', 'daily', '--json']);
    expect((tagged.json as PromptJson[]).map((p) => p.title)).toEqual(['Body']);
  });

  it('shows a prompt with its body', async () => {
    const added = (await cnp(['prompt', 'add', '--title', 'Shown', '--body', 'line one\nline two', '--json'])).json as PromptJson;
    const json = await cnp(['prompt', 'show', String(added.id), '--json']);
    expect(json.json).toMatchObject({ id: added.id, body: 'line one\nline two' });
    const human = await cnp(['prompt', 'show', String(added.id)]);
    expect(human.stdout).toMatch(/^title:\s+Shown$/m);
    expect(human.stdout).toContain('\n\nline one\nline two\n');
    const table = await cnp(['prompt', 'list']);
    expect(table.stdout).toMatch(/ID\s+TITLE\s+TAGS\s+JOBS\s+UPDATED\n1\s+Shown/);
  });

  it('refuses a file it cannot read with exit 2, naming the file, and creates no database', async () => {
    const missing = path.join(t.dir, 'nope.txt');
    const r = await cnp(['prompt', 'add', '--title', 'X', '--file', missing, '--json']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(missing);
    expect(r.json).toMatchObject({ error: { code: 'VALIDATION', field: 'file' } });
    expect(fs.existsSync(t.db)).toBe(false);
  });

  it.each([
    ['no body at all', ['prompt', 'add', '--title', 'X'], /--body/],
    ['two bodies', ['prompt', 'add', '--title', 'X', '--body', 'a', '--stdin'], /once/],
    ['an empty body', ['prompt', 'add', '--title', 'X', '--body', ''], /body/],
    ['no title', ['prompt', 'add', '--body', 'a'], /--title/],
  ])('refuses %s with exit 2', async (_what, args, message) => {
    const r = await cnp(args, '');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(fs.existsSync(t.db)).toBe(false);
  });

  it('will not delete a prompt a job uses (CONFLICT, exit 1), and deletes it once free', async () => {
    const p = (await cnp(['prompt', 'add', '--title', 'Used', '--body', 'do it', '--json'])).json as PromptJson;
    const job = await cnp(['job', 'create', '--name', 'user', '--prompt-id', String(p.id), '--manual', '--json']);
    expect(job.json).toMatchObject({ kind: 'claude', promptId: p.id });
    expect((await cnp(['prompt', 'show', String(p.id), '--json'])).json).toMatchObject({ usedByJobs: 1 });

    const before = snapshot(t.db);
    const refused = await cnp(['prompt', 'rm', String(p.id), '--json']);
    expect(refused.exitCode).toBe(1);
    expect(refused.json).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(refused.stderr).toMatch(/used by 1 job/);
    expect(snapshot(t.db)?.equals(before!)).toBe(true);

    await cnp(['job', 'rm', String((job.json as { id: number }).id)]);
    const removed = await cnp(['prompt', 'rm', String(p.id), '--json']);
    expect(removed.exitCode).toBe(0);
    expect(removed.json).toEqual({ id: p.id, deleted: true });
    expect((await cnp(['prompt', 'show', String(p.id)])).exitCode).toBe(3);
  });

  it('exits 3 for a prompt that does not exist', async () => {
    const r = await cnp(['prompt', 'rm', '7']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe('error: Prompt 7 does not exist\n');
  });
});
