// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallInput } from '../../../src-shared/contract';
import { AppError } from '../../../src-shared/errors';
import { i18n } from '../../i18n';
import { fakeApi } from '../../test-support/fake-api';
import { previewFrom } from '../../test-support/fake-preview';
import { makeJob } from '../../test-support/fixtures';
import { renderWithApi } from '../../test-support/render';
import { JobEditorPage } from './JobEditorPage';

const FROM = Date.parse('2026-03-02T00:00:00Z');
const input = (label: string) => screen.getByLabelText(label, { exact: true }) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(input(label), { target: { value } });
const save = () => screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;

beforeEach(() => {
  window.location.hash = '#/jobs/new';
});
afterEach(cleanup);

describe('job editor', () => {
  it('creates a Claude job from the form and goes back to the jobs list', async () => {
    const created: CallInput<'jobs.create'>[] = [];
    const api = fakeApi({
      'prompts.list': () => [],
      'jobs.previewSchedule': previewFrom(FROM),
      'jobs.create': (i) => {
        created.push(i);
        return makeJob({ id: 1, name: i.name });
      },
    });
    renderWithApi(<JobEditorPage jobId={null} />, api);
    type('Name', 'Morning summary');
    type('Prompt', 'Summarise the news');
    type('Timezone', 'Asia/Taipei');
    type('Cron expression', '30 7 * * 1-5');
    await waitFor(() => expect(screen.getByRole('region', { name: 'Next runs' }).textContent).toContain('Tue 2026-03-03 07:30'), { timeout: 3_000 });
    await waitFor(() => expect(save().disabled).toBe(false));
    fireEvent.click(save());
    await waitFor(() => expect(window.location.hash).toBe('#/jobs'));
    expect(created[0]).toMatchObject({
      name: 'Morning summary',
      kind: 'claude',
      prompt: 'Summarise the news',
      schedule: { type: 'cron', cron: '30 7 * * 1-5', timezone: 'Asia/Taipei' },
    });
  });

  it('shows every problem at once in plain words, focuses the first, and clears each as it is fixed', async () => {
    const api = fakeApi({ 'prompts.list': () => [], 'jobs.previewSchedule': previewFrom(FROM), 'jobs.create': () => makeJob({ id: 1 }) });
    renderWithApi(<JobEditorPage jobId={null} />, api);
    await waitFor(() => expect(save().disabled).toBe(false));
    type('Timeout', 'banana');
    fireEvent.click(save());
    await waitFor(() => expect(input('Name').getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(input('Name'));
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toContain('Give the job a name.');
    expect(alerts).toContain('Write the prompt Claude should run, or pick one from the library.');
    expect(alerts.some((a) => a?.startsWith('Write the timeout as a duration'))).toBe(true);
    expect(alerts.join(' ')).not.toMatch(/--|timeoutSeconds|Too small/);
    type('Name', 'fixed');
    await waitFor(() => expect(input('Name').getAttribute('aria-invalid')).toBeNull());
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).not.toContain('Give the job a name.');
    expect(api.calls.some((c) => c.channel === 'jobs.create')).toBe(false);
  });

  it('shows a contract VALIDATION error at the field it names, without the field path, until the field is edited', async () => {
    const api = fakeApi({
      'prompts.list': () => [],
      'jobs.previewSchedule': previewFrom(FROM),
      'jobs.create': () => {
        throw new AppError('VALIDATION', 'notify.webhookUrl: Invalid URL', { field: 'notify.webhookUrl' });
      },
    });
    renderWithApi(<JobEditorPage jobId={null} />, api);
    type('Name', 'n');
    type('Prompt', 'p');
    await waitFor(() => expect(save().disabled).toBe(false));
    fireEvent.click(save());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Enter a web address starting with http:// or https://.');
    expect(input('Notification webhook').getAttribute('aria-invalid')).toBe('true');
    expect(input('Notification webhook').getAttribute('aria-describedby')).toContain(alert.id);
    expect(window.location.hash).toBe('#/jobs/new');
    type('Name', 'n2');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('blocks Save while the cron expression is invalid', async () => {
    const api = fakeApi({ 'prompts.list': () => [], 'jobs.previewSchedule': previewFrom(FROM) });
    renderWithApi(<JobEditorPage jobId={null} />, api);
    await waitFor(() => expect(save().disabled).toBe(false));
    type('Cron expression', '0 25 * * *');
    expect((await screen.findByRole('alert')).textContent).toMatch(/hour field "25" is out of range \(0-23\)/);
    expect(save().disabled).toBe(true);
  });

  it('shows the fields each kind needs, hides those that do not apply, and warns about skipping permissions only when on', () => {
    const api = fakeApi({ 'prompts.list': () => [], 'jobs.previewSchedule': previewFrom(FROM) });
    renderWithApi(<JobEditorPage jobId={null} />, api);
    expect(screen.queryByText(/run every tool .* without\s+asking/)).toBeNull();
    fireEvent.click(screen.getByLabelText('Skip permission prompts'));
    expect(screen.getByText(/run every tool .* without\s+asking/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add variable' }));
    expect(screen.getByLabelText('Variable 1 name')).toBeTruthy();
    expect(input('Working directory')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'shell' } });
    expect(input('Command')).toBeTruthy();
    expect(screen.queryByLabelText('Model')).toBeNull();
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'http' } });
    expect(input('URL')).toBeTruthy();
    expect(input('Method')).toBeTruthy();
    expect(screen.queryByLabelText('Working directory')).toBeNull();
    expect(screen.queryByLabelText('Variable 1 name')).toBeNull();
    fireEvent.change(screen.getByLabelText('Schedule type'), { target: { value: 'manual' } });
    expect(screen.queryByLabelText('Cron expression')).toBeNull();
    expect(screen.queryByLabelText('Timezone')).toBeNull();
  });

  it('edits a stored job, sending only its patch', async () => {
    const updates: CallInput<'jobs.update'>[] = [];
    const job = makeJob({ id: 4, name: 'Old name', tags: ['x'] });
    const api = fakeApi({
      'jobs.get': () => job,
      'prompts.list': () => [],
      'jobs.previewSchedule': previewFrom(FROM),
      'jobs.update': (i) => {
        updates.push(i);
        return { ...job, name: i.patch.name ?? job.name };
      },
    });
    renderWithApi(<JobEditorPage jobId={4} />, api);
    await waitFor(() => expect(input('Name').value).toBe('Old name'));
    type('Name', 'New name');
    await waitFor(() => expect(save().disabled).toBe(false));
    fireEvent.click(save());
    await waitFor(() => expect(updates).toHaveLength(1));
    expect(updates[0]).toMatchObject({ id: 4, patch: { name: 'New name', tags: ['x'] } });
  });

  it('in 繁體中文 names its sections and fields and says what to fix in Chinese, the contract’s wording included', async () => {
    const api = fakeApi({
      'prompts.list': () => [],
      'jobs.previewSchedule': previewFrom(FROM),
      'jobs.create': () => {
        throw new AppError('VALIDATION', 'priority: Too big: expected number to be <=10', { field: 'priority' });
      },
    });
    await i18n.changeLanguage('zh-TW');
    try {
      renderWithApi(<JobEditorPage jobId={null} />, api);
      for (const section of ['基本', '排程', '在前置工作之後執行', '執行', 'Claude 選項', '通知']) expect(screen.getByRole('group', { name: section })).toBeTruthy();
      await waitFor(() => expect(screen.getByRole<HTMLButtonElement>('button', { name: '儲存' }).disabled).toBe(false));
      type('逾時', 'banana');
      fireEvent.click(screen.getByRole('button', { name: '儲存' }));
      await waitFor(() => expect(input('名稱').getAttribute('aria-invalid')).toBe('true'));
      const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
      expect(alerts).toContain('請為工作命名。');
      expect(alerts).toContain('請以時間長度填寫逾時，例如 90s、15m、2h 或 1h 30m，或留空使用預設值。');
      type('名稱', 'n');
      type('提示詞', 'p');
      type('逾時', '');
      fireEvent.click(screen.getByRole('button', { name: '儲存' }));
      expect((await screen.findByRole('alert')).textContent).toBe('請使用至多為 10 的數字。');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
