import type { Page } from '@playwright/test';
import { zhCN } from '../../src-renderer/i18n/zh-CN';
import { zhTW } from '../../src-renderer/i18n/zh-TW';
import { api, waitForRun } from '../fixtures/api';
import { expect, test } from '../fixtures/serve';

/**
 * Every page in each Chinese language, read the way a user reads it: visible text, option labels and
 * the names assistive tech announces (aria-label, title, placeholder, alt). Whatever is still English
 * prose fails the test with the offending strings listed, so an untranslated sentence cannot slip in.
 */

/** What the seed puts on screen: user data, shown as typed, never translated. */
const DATA = [
  'nightly-review',
  'backup',
  'poll',
  'ops',
  'review',
  'Review the open pull requests.',
  'Morning checklist',
  'team hook',
  'team mail',
  'smtp.example.com',
  'pilot@example.com',
  'me@example.com',
];

/** Proper names, formats and units that read the same in Chinese UI text. */
const NAMES = [
  'Claude Code',
  'git worktree',
  'worktree',
  'backups', // the folder's name on disk
  'IANA',
  'http(s)',
  'Bash(git *) Edit Read', // Claude's --allowedTools syntax, as typed
  'nightly, repo-a', // example tags
  'Claude CLI',
  'Claude',
  'Night Pilot',
  'English',
  'Shell',
  'HTTP',
  'HTTPS',
  'JSON',
  'YAML',
  'PATH',
  'URL',
  'SMTP',
  'STARTTLS',
  'TLS',
  'Webhook',
  'Slack',
  'Discord',
  'Cron',
  'cron',
  'stdout',
  'stderr',
  'Markdown',
  'JAN-DEC',
  'SUN-SAT',
  'Opus',
  'Sonnet',
  'Haiku',
  'opus',
  'sonnet',
  'haiku',
  'cnp serve',
  'cnp',
  'claude',
  'pid',
  'p95',
  'UTC',
  'CLI',
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
];

/** Select options that are the Claude CLI's own values (its --permission-mode), passed as typed. */
const CLI_VALUES = new Set(['option: acceptEdits', 'option: auto', 'option: bypassPermissions', 'option: default', 'option: dontAsk', 'option: manual', 'option: plan']);

/** Shapes of data: zones, URLs, e-mail addresses, paths, model ids, audit action names. */
const DATA_SHAPES = [
  /\b[A-Z][A-Za-z_]+\/[A-Za-z_/+-]+/g, // Europe/London
  /\bhttps?:\/\/\S+/g,
  /\b[\w.+-]+@[\w-]+(\.[\w-]+)+/g,
  /(^|\s)[~.]?\/[\w./…-]+/g, // /tmp/x, ~/.local/share/…/x.db
  /\b[\w-]+\/[\w./-]+\.\w+/g, // docs/jobs-yaml.md
  /\b[\w.-]+\.(db|md|ya?ml|json)\b/g, // claude-pilot.db
  /`[^`]*`/g, // a command quoted as code
  /\bclaude-[\w.-]+/g, // model ids
  /\b[a-z]+\.(\*|[a-z]+\b)(\.(\*|[a-z]+\b))?/g, // job.update, runs.list, job.*
  /#\d+/g,
];

/** Containers of data (logs, commands, JSON, expressions, server-written messages), skipped whole. */
const DATA_SELECTORS = [
  'script',
  'style',
  'code',
  'pre',
  'kbd',
  'samp',
  'textarea',
  '.mono',
  '.live-log-inner', // the run's own output
  '.log-assistant',
  '.markdown',
  '.audit-details', // each entry's details as JSON
  '.delivery-error',
  '.alert-error', // contract error sentences come from the server
  '.field-error',
  '[role="alert"]',
  '.tag', // user tags
  '.brand',
].join(',');

/** English keys whose translation reads differently: shown as is, they were not translated. */
const untranslated = (table: Record<string, string>) => new Set(Object.keys(table).filter((k) => table[k] !== k));
const KEYS = { 'zh-TW': untranslated(zhTW), 'zh-CN': untranslated(zhCN) };
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const allowing = (strings: string[]) =>
  new RegExp(
    strings
      .sort((a, b) => b.length - a.length)
      .map((s) => `${/^\w/.test(s) ? '\\b' : ''}${escape(s)}${/\w$/.test(s) ? '\\b' : ''}`)
      .join('|'),
    'g',
  );

/** English left in a string once data and names are taken out: a word of 3+ letters, or a whole key. */
function englishIn(text: string, allowed: RegExp, keys: Set<string>): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return false;
  if (keys.has(t)) return true;
  // Whole known strings first: a shape taken out of one (an e-mail, a #1) would stop it matching.
  let rest = t.replace(allowed, ' ');
  for (const shape of DATA_SHAPES) rest = rest.replace(shape, ' ');
  return /[A-Za-z]{3,}/.test(rest);
}

/** The strings a user can see or hear on the page right now, each with where it came from. */
function collect(page: Page, skip: string): Promise<string[]> {
  return page.evaluate((skipSelector) => {
    const out: string[] = [];
    const shown = (el: Element) => (el as HTMLElement).checkVisibility?.({ visibilityProperty: true }) ?? true;
    const attrs = ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext', 'aria-roledescription'];
    const walk = (el: Element, inImage: boolean) => {
      if (el.matches(skipSelector)) return;
      if (el.tagName === 'SELECT') {
        for (const a of attrs) if (el.getAttribute(a)) out.push(`${a}: ${el.getAttribute(a)}`);
        for (const o of (el as HTMLSelectElement).options) out.push(`option: ${o.text}`);
        return;
      }
      // Hidden subtrees are not read; aria-hidden text still shows, so only CSS hiding counts.
      if (!shown(el)) return;
      // Inside role="img" (a chart) only the image's own name is announced, not its parts' labels.
      if (!inImage) for (const a of attrs) if (el.getAttribute(a)) out.push(`${a}: ${el.getAttribute(a)}`);
      // An element's own text, joined: React splits "Page {n} of {m}" into several text nodes.
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
      if (own) out.push(`text: ${own}`);
      for (const child of el.children) walk(child, inImage || el.getAttribute('role') === 'img');
    };
    walk(document.body, false);
    return out;
  }, skip);
}

type Lang = 'zh-TW' | 'zh-CN';

/** The morning-after data of review.spec plus a prompt, two channels and an open alert. */
async function seed(request: Parameters<typeof api>[0], served: Parameters<typeof api>[1]) {
  await api(request, served, 'settings.set', { alertFailureThreshold: 1 });
  const broken = await api<{ id: number }>(request, served, 'jobs.create', { name: 'backup', kind: 'shell', command: 'echo "tar: /backup: No space left on device" >&2; exit 2', schedule: { type: 'cron', cron: '0 3 * * *', timezone: 'Europe/London' }, tags: ['ops'] });
  const review = await api<{ id: number }>(request, served, 'jobs.create', { name: 'nightly-review', kind: 'claude', prompt: 'Review the open pull requests.', schedule: { type: 'cron', cron: '0 2 * * *', timezone: 'Asia/Taipei' }, tags: ['review'] });
  await api(request, served, 'jobs.create', { name: 'poll', kind: 'http', http: { url: 'http://127.0.0.1:9/x' }, schedule: { type: 'interval', everySeconds: 300, timezone: 'UTC' }, tags: ['ops'] });
  await api(request, served, 'prompts.create', { title: 'Morning checklist', body: 'Review the open pull requests.', tags: ['review'] });
  await api(request, served, 'channels.add', { type: 'webhook', name: 'team hook', url: 'http://127.0.0.1:9/hook', format: 'json' });
  await api(request, served, 'channels.add', { type: 'email', name: 'team mail', host: 'smtp.example.com', port: 587, security: 'starttls', from: 'pilot@example.com', to: ['me@example.com'] });
  const failedRun = await api<{ id: number }>(request, served, 'jobs.runNow', { id: broken.id });
  const reviewRun = await api<{ id: number }>(request, served, 'jobs.runNow', { id: review.id });
  await waitForRun(request, served, failedRun.id);
  await waitForRun(request, served, reviewRun.id);
  return { broken, review, failedRun, reviewRun };
}

for (const lang of ['zh-TW', 'zh-CN'] as Lang[]) {
  test(`in ${lang} no page shows English UI text`, async ({ page, request, served }) => {
    test.setTimeout(120_000);
    const { broken, review, failedRun, reviewRun } = await seed(request, served);
    await page.addInitScript((l) => localStorage.setItem('cnp.language', l), lang);
    await page.goto(served.url);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    /** What the engine wrote for an alert's cause and delivery errors is stored text, shown as written (titles are worded by the UI); read fresh, as deliveries finish later. */
    const allowedNow = async () => {
      const alerts = await api<{ items: { cause: string; deliveries: { error: string | null }[] }[] }>(request, served, 'alerts.list', { status: 'all' });
      return allowing([...DATA, ...NAMES, ...alerts.items.flatMap((a) => [a.cause, ...a.deliveries.map((d) => d.error ?? '')]).filter(Boolean)]);
    };

    const found = new Map<string, Set<string>>();
    const check = async (where: string) => {
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      const allowed = await allowedNow();
      for (const s of await collect(page, DATA_SELECTORS)) {
        const text = s.slice(s.indexOf(': ') + 2);
        if (!CLI_VALUES.has(s) && englishIn(text, allowed, KEYS[lang])) (found.get(s) ?? found.set(s, new Set()).get(s)!).add(where);
      }
    };
    const visit = async (where: string, hash: string) => {
      await page.evaluate((h) => (window.location.hash = h), hash);
      await page.waitForTimeout(300);
      await check(where);
    };

    await visit('Since you left', '#/since');
    await visit('Dashboard', '#/dashboard');
    await visit('Jobs', '#/jobs');
    await page.locator('.row-menu > button').first().click();
    await check('Jobs, row menu open');
    await page.keyboard.press('Escape');
    await visit('Job page', `#/jobs/${broken.id}`);
    await visit('Job editor (Claude job)', `#/jobs/${review.id}/edit`);
    await visit('Job editor (shell job)', `#/jobs/${broken.id}/edit`);
    await visit('New job', '#/jobs/new');
    const form = page.locator('form.job-form');
    const kind = form.locator('select').first();
    for (const option of await kind.locator('option').all()) {
      await kind.selectOption(await option.getAttribute('value') ?? '');
      await check(`New job, kind ${await option.getAttribute('value')}`);
    }
    const scheduleType = form.locator('select').filter({ has: page.locator('option[value="interval"]') }).first();
    for (const type of ['interval', 'once', 'manual', 'cron']) {
      await scheduleType.selectOption(type);
      await check(`New job, schedule ${type}`);
    }
    await visit('Runs', '#/runs');
    await visit('Run page (failed shell run)', `#/runs/${failedRun.id}`);
    await visit('Run page (Claude run)', `#/runs/${reviewRun.id}`);
    await visit('Prompts', '#/prompts');
    await page.locator('.card-list button').first().click();
    await check('Prompts, editor open');
    await visit('Alerts', '#/alerts');
    for (const button of await page.locator('.toolbar button').all()) {
      await button.click();
      await check('Alerts, each filter');
    }
    await visit('Audit', '#/audit');
    await visit('Notifications', '#/notifications');
    const typeSelect = page.locator('form.channel-form select').first();
    await typeSelect.selectOption('email');
    await check('Notifications, email channel form');
    await visit('Settings', '#/settings');
    await visit('Import & export', '#/files');

    const report = [...found].map(([s, where]) => `${s}    (${[...where].join('; ')})`);
    expect(report, `English left in ${lang}:\n${report.join('\n')}`).toEqual([]);
  });
}
