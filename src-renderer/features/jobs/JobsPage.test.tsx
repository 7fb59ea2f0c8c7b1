// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../src-shared/domain';
import { fakeApi } from '../../test-support/fake-api';
import { NOT_COOLING, makeJob, makeRun } from '../../test-support/fixtures';
import { useFakeLayout } from '../../test-support/layout';
import { renderWithApi } from '../../test-support/render';
import { useJobsView } from '../../state/jobs-view';
import { JobsPage } from './JobsPage';

function manyJobs(n: number): Job[] {
  return Array.from({ length: n }, (_, i) =>
    makeJob({
      id: i + 1,
      name: `Job ${String(i + 1).padStart(5, '0')}`,
      kind: i % 3 === 0 ? 'shell' : 'claude',
      tags: i % 2 === 0 ? ['even'] : ['odd'],
      nextRunAt: new Date(Date.UTC(2026, 11, 1) + i * 60_000).toISOString(),
    }),
  );
}

const bodyRows = () => screen.getAllByRole('row').filter((r) => within(r).queryAllByRole('cell').length > 1);

useFakeLayout();

beforeEach(() => {
  useJobsView.setState({ search: '', tag: '', kind: 'all', status: 'all', sort: { column: 'nextRun', descending: false } });
  window.location.hash = '#/jobs';
});
afterEach(cleanup);

describe('jobs page', () => {
  it('renders only a window of 10,000 jobs, with schedule in words and next run in the job’s zone', async () => {
    const api = fakeApi({ 'jobs.list': () => ({ items: manyJobs(10_000), total: 10_000 }) });
    renderWithApi(<JobsPage />, api);
    await screen.findByText('Job 00001');
    expect(bodyRows().length).toBeGreaterThan(5);
    expect(bodyRows().length).toBeLessThan(60);
    const first = bodyRows()[0]!;
    expect(within(first).getByText('At 09:00')).toBeTruthy();
    // 2026-12-01T00:00Z is 08:00 in Taipei.
    expect(within(first).getByText('Tue 2026-12-01 08:00 Asia/Taipei')).toBeTruthy();
    expect(screen.getByText('10000 jobs')).toBeTruthy();
  });

  it('sorts by a column and filters by kind, tag and search', async () => {
    const api = fakeApi({ 'jobs.list': () => ({ items: manyJobs(30), total: 30 }) });
    renderWithApi(<JobsPage />, api);
    await screen.findByText('Job 00001');
    fireEvent.click(screen.getByRole('button', { name: 'Name' }));
    fireEvent.click(screen.getByRole('button', { name: 'Name' }));
    expect(within(bodyRows()[0]!).getByText('Job 00030')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('descending');

    fireEvent.change(screen.getByLabelText('Filter by kind'), { target: { value: 'shell' } });
    expect(bodyRows()).toHaveLength(10);
    fireEvent.change(screen.getByLabelText('Filter by tag'), { target: { value: 'even' } });
    expect(bodyRows()).toHaveLength(5);
    fireEvent.change(screen.getByLabelText('Search jobs'), { target: { value: '00013' } });
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
  });

  it('runs a job now (the button names the job) and opens its run page', async () => {
    const api = fakeApi({
      'jobs.list': () => ({ items: manyJobs(3), total: 3 }),
      'jobs.runNow': ({ id }) => makeRun({ id: 77, jobId: id }),
      'cooldown.status': () => NOT_COOLING,
    });
    renderWithApi(<JobsPage />, api);
    await screen.findByText('Job 00002');
    fireEvent.click(screen.getByRole('button', { name: 'Run Job 00002 now' }));
    await waitFor(() => expect(window.location.hash).toBe('#/runs/77'));
    expect(api.calls.find((c) => c.channel === 'jobs.runNow')?.input).toEqual({ id: 2 });
  });

  it('pauses with the switch, keeps every action in the row menu, and deletes only after confirming', async () => {
    let jobs = manyJobs(2);
    const api = fakeApi({
      'jobs.list': () => ({ items: jobs, total: jobs.length }),
      'jobs.pause': ({ id }) => {
        jobs = jobs.map((j) => (j.id === id ? { ...j, enabled: false } : j));
        return jobs.find((j) => j.id === id)!;
      },
      'jobs.delete': ({ id }) => {
        jobs = jobs.filter((j) => j.id !== id);
        return { deleted: true, dependants: [], warning: null };
      },
      'cooldown.status': () => NOT_COOLING,
    });
    renderWithApi(<JobsPage />, api);
    await screen.findByText('Job 00001');
    fireEvent.click(screen.getByRole('switch', { name: 'Enabled: Job 00001' }));
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Enabled: Job 00001' }).getAttribute('aria-checked')).toBe('false'));
    // Paused, the row still offers Resume and Delete in its menu.
    fireEvent.click(screen.getByRole('button', { name: 'More actions for Job 00001' }));
    expect(screen.getByRole('menuitem', { name: 'Resume' })).toBeTruthy();
    fireEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: /Delete “Job 00001”/ });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.calls.some((c) => c.channel === 'jobs.delete')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'More actions for Job 00001' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByText('Job 00001')).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('names the jobs that run after one before it is deleted, alone or among selected jobs', async () => {
    const jobs = manyJobs(3).map((j) =>
      j.id === 1
        ? { ...j, dependants: [{ jobId: 2, jobName: 'Job 00002', condition: 'success' as const }, { jobId: 3, jobName: 'Job 00003', condition: 'always' as const }] }
        : j,
    );
    const api = fakeApi({ 'jobs.list': () => ({ items: jobs, total: jobs.length }), 'cooldown.status': () => NOT_COOLING });
    renderWithApi(<JobsPage />, api);
    await screen.findByText('Job 00001');
    fireEvent.click(screen.getByRole('button', { name: 'More actions for Job 00001' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: /Delete “Job 00001”/ });
    expect(within(dialog).getByRole('note').textContent).toBe(
      '“Job 00002”, “Job 00003” run after this; they lose this trigger and keep their schedules and other triggers.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    // A job deleted along with its upstream is not warned about; the one left behind is.
    fireEvent.click(screen.getByRole('checkbox', { name: /Job 00001/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Job 00002/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete selected' }));
    const bulk = screen.getByRole('dialog', { name: 'Delete 2 jobs?' });
    expect(within(bulk).getByRole('note').textContent).toMatch(/^“Job 00003” run after this/);
    // A job nobody runs after gets no such note.
    fireEvent.click(within(bulk).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Job 00001/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete selected' }));
    expect(within(screen.getByRole('dialog')).queryByRole('note')).toBeNull();
  });

  it('selects rows for a bulk pause, and filters by a clicked tag', async () => {
    let jobs = manyJobs(4).map((j, i) => ({ ...j, tags: i % 2 ? ['odd'] : ['even'] }));
    const api = fakeApi({
      'jobs.list': () => ({ items: jobs, total: jobs.length }),
      'jobs.pause': ({ id }) => {
        jobs = jobs.map((j) => (j.id === id ? { ...j, enabled: false } : j));
        return jobs.find((j) => j.id === id)!;
      },
      'cooldown.status': () => NOT_COOLING,
    });
    renderWithApi(<JobsPage />, api);
    await screen.findByText('Job 00001');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Job 00001' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Job 00003' }));
    const bar = screen.getByRole('region', { name: 'Selected jobs' });
    expect(bar.textContent).toContain('2 selected');
    fireEvent.click(within(bar).getByRole('button', { name: 'Pause selected' }));
    await waitFor(() => expect(api.calls.filter((c) => c.channel === 'jobs.pause').map((c) => c.input)).toEqual([{ id: 1 }, { id: 3 }]));
    fireEvent.click(screen.getAllByRole('button', { name: 'Show jobs tagged odd' })[0]!);
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    expect(screen.queryByText('Job 00001')).toBeNull();
  });

  it('shows the empty state and the contract’s error message', async () => {
    renderWithApi(<JobsPage />, fakeApi({ 'jobs.list': () => ({ items: [], total: 0 }) }));
    expect(await screen.findByText('No jobs yet')).toBeTruthy();
    cleanup();
    renderWithApi(<JobsPage />, fakeApi({}));
    expect((await screen.findByRole('alert')).textContent).toContain('no fake handler for jobs.list');
  });
});
