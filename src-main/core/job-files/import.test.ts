import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { apiFor, call, tempStore, type TempStore } from '../../../test/helpers/temp-store';
import type { CoreContext } from '../services/context';
import { exportJobs } from './export';
import { importJobsFile } from './import';

const stores: TempStore[] = [];
afterEach(() => {
  while (stores.length) stores.pop()!.cleanup();
});

const NOW = Date.parse('2026-06-01T00:00:00Z');
function fresh() {
  const t = tempStore();
  stores.push(t);
  const ctx: CoreContext = { store: t.store, actor: 'cli', now: () => NOW, engine: null, version: 'test' };
  return { t, ctx, api: apiFor(t.store, { now: () => NOW, actor: 'cli' }) };
}

/** The settings a user gave a job, without ids and bookkeeping. */
function settings(j: Job) {
  const { id: _id, promptId: _p, nextRunAt: _n, lastScheduledAt: _l, lastRunAt: _r, lastStatus: _s, successRate: _sr, createdAt: _c, updatedAt: _u, after, dependants, ...rest } = j;
  // Links by name: ids differ between the two databases.
  const links = (l: Job['after']) => l.map((x) => `${x.jobName}:${x.condition}`).sort();
  return { ...rest, after: links(after), dependants: links(dependants) };
}

async function seed(api: ReturnType<typeof apiFor>) {
  const review = await call(api, 'prompts.create', { title: 'Nightly review', body: 'Review the commits.\n\nBe brief: "quotes", # not a comment', tags: ['x'] });
  const twin = await call(api, 'prompts.create', { title: 'Nightly review', body: 'Another prompt with the same title' });
  await call(api, 'jobs.create', {
    name: 'daily review',
    kind: 'claude',
    promptId: review.id,
    schedule: { type: 'cron', cron: '0 9 * * 1-5', timezone: 'Asia/Taipei' },
    priority: 8,
    overlap: 'queue_one',
    catchUp: 'run_all',
    timeoutSeconds: 1800,
    retry: { maxRetries: 5, backoff: 'ladder', delaysSeconds: [30, 60, 300, 900, 3600], jitter: 0 },
    options: {
      cwd: '/tmp',
      env: { API_TOKEN: 'secret-value', MODE: 'night' },
      model: 'sonnet',
      fallbackModel: 'haiku',
      fallbackOnLimit: true,
      maxTurns: 12,
      maxBudgetUsd: 1.5,
      permissionMode: 'acceptEdits',
      allowedTools: ['Read', 'Bash(git diff:*)'],
      disallowedTools: ['WebFetch'],
      appendSystemPrompt: 'Answer in English.',
      addDirs: ['/var/tmp'],
      worktree: { enabled: true, keep: 'never', baseRef: 'main' },
    },
    notify: { onFailure: true, onSuccess: true, webhookUrl: 'https://hooks.example.com/T000/B000/XXXX', onAlert: false, failureThreshold: 4 },
    tags: ['night', 'review'],
  });
  await call(api, 'jobs.create', { name: 'twin', kind: 'claude', promptId: twin.id, schedule: { type: 'manual', timezone: 'UTC' } });
  await call(api, 'jobs.create', {
    name: 'inline',
    kind: 'claude',
    prompt: 'Summarise yesterday.',
    schedule: { type: 'interval', everySeconds: 5400, timezone: 'Europe/London' },
    retry: { maxRetries: 3, backoff: 'exponential', delaySeconds: 10, maxDelaySeconds: 600, multiplier: 3, jitter: 0.25 },
    options: { continueSession: true, dangerouslySkipPermissions: true, mcpConfig: '/etc/mcp.json' },
  });
  await call(api, 'jobs.create', { name: 'backup', kind: 'shell', command: './backup.sh --all', schedule: { type: 'once', at: '2026-07-01T01:02:03Z', timezone: 'America/New_York' }, enabled: false });
  const backup = (await call(api, 'jobs.list', {})).items.find((j) => j.name === 'backup')!;
  const inline = (await call(api, 'jobs.list', {})).items.find((j) => j.name === 'inline')!;
  await call(api, 'jobs.create', {
    after: [
      { jobId: backup.id, condition: 'failure' },
      { jobId: inline.id, condition: 'always' },
    ],
    afterMode: 'any',
    name: 'ping',
    kind: 'http',
    http: { url: 'https://example.com/health?x=1', method: 'POST', headers: { Authorization: 'Bearer abc' }, body: '{"a":1}', expectStatus: [200, 204] },
    schedule: { type: 'cron', cron: '*/30 * * * * *', timezone: 'UTC' },
    retry: { maxRetries: 2, backoff: 'linear', delaySeconds: 5, maxDelaySeconds: 50, jitter: 0.5 },
  });
}

describe('jobs file round trip', () => {
  it('export → import into an empty database → export again gives identical YAML and the same jobs', async () => {
    const a = fresh();
    await seed(a.api);
    const first = exportJobs(a.ctx, {});
    expect(first.jobs).toBe(5);
    expect(first.prompts).toBe(2);

    const b = fresh();
    const report = importJobsFile(b.ctx, { text: first.yaml, fileName: 'jobs.yaml', dryRun: false, prune: false });
    expect(report.jobs.created.sort()).toEqual(['backup', 'daily review', 'inline', 'ping', 'twin']);
    expect(report.prompts.created.sort()).toEqual(['Nightly review', 'Nightly review (2)']);
    const second = exportJobs(b.ctx, {});
    expect(second.yaml).toBe(first.yaml);

    const jobsA = (await call(a.api, 'jobs.list', {})).items;
    const jobsB = (await call(b.api, 'jobs.list', {})).items;
    const byName = (jobs: Job[]) => Object.fromEntries(jobs.map((j) => [j.name, settings(j)]));
    // jobs.list masks secrets the same way on both sides; compare the stored records too.
    expect(byName(jobsB)).toEqual(byName(jobsA));
    const recA = a.t.store.jobs.list().items.map((r) => [r.name, r.options, r.notify, r.payload]);
    const recB = b.t.store.jobs.list().items.map((r) => [r.name, r.options, r.notify, r.payload]);
    expect(new Map(recB as [string, unknown][])).toEqual(new Map(recA as [string, unknown][]));
    // Each job points at the prompt with its own body.
    const twinB = b.t.store.jobs.list().items.find((j) => j.name === 'twin')!;
    expect(b.t.store.prompts.get(twinB.promptId!)!.body).toBe('Another prompt with the same title');
  });

  it('carries chains over by job name', async () => {
    const a = fresh();
    await seed(a.api);
    const { yaml } = exportJobs(a.ctx, {});
    expect(yaml).toContain('after:\n      - job: backup\n        condition: failure\n      - job: inline\n        condition: always\n    after_mode: any');
    const b = fresh();
    importJobsFile(b.ctx, { text: yaml, fileName: 'jobs.yaml', dryRun: false, prune: false });
    const ping = (await call(b.api, 'jobs.list', {})).items.find((j) => j.name === 'ping')!;
    expect(ping.after.map((l) => [l.jobName, l.condition])).toEqual([
      ['backup', 'failure'],
      ['inline', 'always'],
    ]);
    expect(ping.afterMode).toBe('any');
    // Dropping `after` from the file drops the links on the next import.
    const again = importJobsFile(b.ctx, { text: yaml.replace(/\n {4}after:[\s\S]*?after_mode: any/, ''), fileName: 'jobs.yaml', dryRun: false, prune: false });
    expect(again.jobs.updated).toEqual(['ping']);
    expect((await call(b.api, 'jobs.get', { id: ping.id })).after).toEqual([]);
  });

  it('importing the same file again changes nothing, and a dry run writes nothing', async () => {
    const a = fresh();
    await seed(a.api);
    const { yaml } = exportJobs(a.ctx, {});
    const b = fresh();
    const dry = importJobsFile(b.ctx, { text: yaml, fileName: 'jobs.yaml', dryRun: true, prune: false });
    expect(dry.jobs.created).toHaveLength(5);
    expect(b.t.store.jobs.list().total).toBe(0);
    expect(b.t.store.prompts.list()).toHaveLength(0);

    importJobsFile(b.ctx, { text: yaml, fileName: 'jobs.yaml', dryRun: false, prune: false });
    const updatedAt = b.t.store.jobs.list().items.map((j) => j.updatedAt);
    const again = importJobsFile(b.ctx, { text: yaml, fileName: 'jobs.yaml', dryRun: false, prune: false });
    expect(again.jobs.unchanged).toHaveLength(5);
    expect(again.jobs.created).toHaveLength(0);
    expect(again.prompts.unchanged).toHaveLength(2);
    expect(b.t.store.jobs.list().items.map((j) => j.updatedAt)).toEqual(updatedAt);
  });

  it('updates jobs matched by name with exactly what the file says, and --prune removes the others', async () => {
    const { ctx, t, api } = fresh();
    await call(api, 'jobs.create', { name: 'keep', kind: 'shell', command: 'a', schedule: { type: 'manual', timezone: 'UTC' }, tags: ['t'], priority: 9 });
    await call(api, 'jobs.create', { name: 'other', kind: 'shell', command: 'b', schedule: { type: 'manual', timezone: 'UTC' } });
    const id = t.store.jobs.list().items.find((j) => j.name === 'keep')!.id;
    const text = 'jobs:\n  - name: keep\n    command: echo new\n    schedule: {type: cron, expression: "0 6 * * *", timezone: UTC}\n';
    const report = importJobsFile(ctx, { text, fileName: 'f.yaml', dryRun: false, prune: true });
    expect(report.jobs).toMatchObject({ updated: ['keep'], deleted: ['other'], created: [] });
    const kept = t.store.jobs.get(id)!;
    expect(kept.payload).toEqual({ command: 'echo new' });
    // Fields the file leaves out take their defaults: the file is the whole job.
    expect(kept.tags).toEqual([]);
    expect(kept.priority).toBe(5);
    expect(kept.cron).toBe('0 6 * * *');
    expect(t.store.jobs.list().total).toBe(1);
  });
});

describe('a bad jobs file', () => {
  function problemsOf(fn: () => unknown) {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      return ((err as AppError).details as { problems: { line: number; field: string; message: string }[] }).problems;
    }
    throw new Error('expected the import to fail');
  }

  // prettier-ignore
  const cases: [name: string, text: string, line: number, field: string, message: RegExp][] = [
    ['a prompt_id this database does not have',
      'jobs:\n  - name: a\n    prompt_id: 42\n    schedule: {type: manual}\n', 3, 'jobs[0].prompt_id', /prompt 42 does not exist/],
    ['a prompt_ref with no such prompt in the file',
      'jobs:\n  - name: a\n    prompt_ref: Missing\n    schedule: {type: manual}\n', 3, 'jobs[0].prompt_ref', /no prompt titled "Missing"/],
    ['two kinds of work',
      'jobs:\n  - name: a\n    prompt: hi\n    command: ls\n    schedule: {type: manual}\n', 4, 'jobs[0].command', /one kind of work/],
    ['a field of another schedule type',
      'jobs:\n  - name: a\n    command: ls\n    schedule:\n      type: manual\n      every: 5m\n', 6, 'jobs[0].schedule.every', /belongs to a schedule of type interval/],
    ['a cron schedule without its expression',
      'jobs:\n  - name: a\n    command: ls\n    schedule:\n      type: cron\n', 4, 'jobs[0].schedule.expression', /needs a cron expression/],
    ['a bad environment variable name',
      'jobs:\n  - name: a\n    command: ls\n    execution:\n      environment:\n        "1BAD": x\n    schedule: {type: manual}\n', 6, 'jobs[0].execution.environment.1BAD', /valid environment variable name/],
    ['a priority out of range',
      'jobs:\n  - name: a\n    command: ls\n    priority: 11\n    schedule: {type: manual}\n', 4, 'jobs[0].priority', /1-10/],
    ['a ladder without waits',
      'jobs:\n  - name: a\n    command: ls\n    retry:\n      strategy: ladder\n    schedule: {type: manual}\n', 4, 'jobs[0].retry.delays', /needs its list of waits/],
    ['an at without offset',
      'jobs:\n  - name: a\n    command: ls\n    schedule: {type: once, at: "2026-12-01T09:00"}\n', 4, 'jobs[0].schedule.at', /with Z or an offset/],
    ['an after naming no job',
      'jobs:\n  - name: a\n    command: ls\n    schedule: {type: manual}\n    after:\n      - job: ghost\n', 6, 'jobs[0].after[0].job', /no job named "ghost"/],
    ['jobs that run after each other',
      'jobs:\n  - name: a\n    command: ls\n    schedule: {type: manual}\n    after: [{job: b}]\n  - name: b\n    command: ls\n    schedule: {type: manual}\n    after: [{job: a}]\n', 9, 'jobs[1].after', /loop/],
    ['a missing jobs list',
      'prompts: []\n', 1, 'jobs', /required/],
    ['a notification channel this database does not have',
      'jobs:\n  - name: a\n    command: ls\n    schedule: {type: manual}\n    notifications:\n      channels: [7]\n', 6, 'jobs[0].notifications.channels', /channel 7 does not exist in this database/],
    ['a word where a number belongs',
      'jobs:\n  - name: a\n    command: ls\n    priority: high\n    schedule: {type: manual}\n', 4, 'jobs[0].priority', /^must be a number, not the text "high"$/],
    ['one tag where a list belongs',
      'jobs:\n  - name: a\n    command: ls\n    tags: night\n    schedule: {type: manual}\n', 4, 'jobs[0].tags', /^must be a list, not the text "night"$/],
    ['quoted "yes" where true or false belongs',
      'jobs:\n  - name: a\n    command: ls\n    enabled: "yes"\n    schedule: {type: manual}\n', 4, 'jobs[0].enabled', /^must be true or false, not the text "yes"$/],
  ];

  it.each(cases)('%s: names the line and the field, and writes nothing', async (_name, text, line, field, message) => {
    const { ctx, t, api } = fresh();
    await call(api, 'jobs.create', { name: 'existing', kind: 'shell', command: 'x', schedule: { type: 'manual', timezone: 'UTC' } });
    const before = JSON.stringify(t.store.db.prepare('SELECT * FROM jobs').all()) + JSON.stringify(t.store.db.prepare('SELECT * FROM prompts').all());
    const problems = problemsOf(() => importJobsFile(ctx, { text: `${text}`, fileName: 'f.yaml', dryRun: false, prune: true }));
    expect(problems[0]).toMatchObject({ line, field });
    expect(problems[0]!.message).toMatch(message);
    const after = JSON.stringify(t.store.db.prepare('SELECT * FROM jobs').all()) + JSON.stringify(t.store.db.prepare('SELECT * FROM prompts').all());
    expect(after).toBe(before);
  });

  it('rolls back jobs and prompts already written when a later job is bad', async () => {
    const { ctx, t } = fresh();
    const text = [
      'prompts:',
      '  - title: P',
      '    body: hello',
      'jobs:',
      '  - name: good',
      '    prompt_ref: P',
      '    schedule: {type: manual}',
      '  - name: bad',
      '    command: ls',
      '    schedule: {type: cron, expression: "61 * * * *"}',
    ].join('\n');
    const problems = problemsOf(() => importJobsFile(ctx, { text, fileName: 'f.yaml', dryRun: false, prune: false }));
    expect(problems).toEqual([expect.objectContaining({ line: 10, field: 'jobs[1].schedule.expression' })]);
    expect(t.store.jobs.list().total).toBe(0);
    expect(t.store.prompts.list()).toHaveLength(0);
  });

  it('refuses a name that several jobs in the database share', async () => {
    const { ctx, api } = fresh();
    for (let i = 0; i < 2; i++) await call(api, 'jobs.create', { name: 'dup', kind: 'shell', command: 'x', schedule: { type: 'manual', timezone: 'UTC' } });
    const problems = problemsOf(() => importJobsFile(ctx, { text: 'jobs:\n  - name: dup\n    command: y\n    schedule: {type: manual}\n', fileName: 'f.yaml', dryRun: false, prune: false }));
    expect(problems[0]).toMatchObject({ line: 2, field: 'jobs[0].name' });
    expect(problems[0]!.message).toMatch(/2 jobs in the database are named "dup"/);
  });

  it('keeps an imported one-time job whose date has passed, and says it will not run', async () => {
    const { ctx, t } = fresh();
    const report = importJobsFile(ctx, { text: 'jobs:\n  - name: old\n    command: ls\n    schedule: {type: once, at: "2020-01-01T00:00:00Z", timezone: UTC}\n', fileName: 'f.yaml', dryRun: false, prune: false });
    expect(report.notes[0]).toMatch(/will not run again/);
    expect(t.store.jobs.list().items[0]).toMatchObject({ name: 'old', runAt: Date.parse('2020-01-01T00:00:00Z'), nextRunAt: null });
  });
});
