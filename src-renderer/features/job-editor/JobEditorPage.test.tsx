// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallInput } from '../../../src-shared/contract';
import { AppError } from '../../../src-shared/errors';
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

  it('shows a contract VALIDATION error at the field it names', async () => {
    const api = fakeApi({
      'prompts.list': () => [],
      'jobs.previewSchedule': previewFrom(FROM),
      'jobs.create': () => {
        throw new AppError('VALIDATION', 'name: a job needs a name', { field: 'name' });
      },
    });
    renderWithApi(<JobEditorPage jobId={null} />, api);
    await waitFor(() => expect(save().disabled).toBe(false));
    fireEvent.click(save());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('name: a job needs a name');
    expect(input('Name').getAttribute('aria-invalid')).toBe('true');
    expect(input('Name').getAttribute('aria-describedby')).toContain(alert.id);
    expect(window.location.hash).toBe('#/jobs/new');
  });

  it('blocks Save while the cron expression is invalid', async () => {
    const api = fakeApi({ 'prompts.list': () => [], 'jobs.previewSchedule': previewFrom(FROM) });
    renderWithApi(<JobEditorPage jobId={null} />, api);
    await waitFor(() => expect(save().disabled).toBe(false));
    type('Cron expression', '0 25 * * *');
    expect((await screen.findByRole('alert')).textContent).toMatch(/hour field "25" is out of range \(0-23\)/);
    expect(save().disabled).toBe(true);
  });

  it('shows the fields each kind needs and warns about skipping permissions', () => {
    const api = fakeApi({ 'prompts.list': () => [], 'jobs.previewSchedule': previewFrom(FROM) });
    renderWithApi(<JobEditorPage jobId={null} />, api);
    expect(screen.getByText(/runs every tool .* without\s+asking/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'shell' } });
    expect(input('Command')).toBeTruthy();
    expect(screen.queryByLabelText('Model')).toBeNull();
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'http' } });
    expect(input('URL')).toBeTruthy();
    expect(input('Method')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Schedule type'), { target: { value: 'manual' } });
    expect(screen.queryByLabelText('Cron expression')).toBeNull();
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
});
