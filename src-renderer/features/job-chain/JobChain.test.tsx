// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallInput } from '../../../src-shared/contract';
import { AppError } from '../../../src-shared/errors';
import { fakeApi } from '../../test-support/fake-api';
import { previewFrom } from '../../test-support/fake-preview';
import { makeJob, makeRun } from '../../test-support/fixtures';
import { renderWithApi } from '../../test-support/render';
import { JobEditorPage } from '../job-editor/JobEditorPage';
import { JobChainCard } from './JobChainCard';
import { RunChainLinks } from './RunChainLinks';

const FROM = Date.parse('2026-03-02T00:00:00Z');
const jobs = [makeJob({ id: 1, name: 'tests', kind: 'shell' }), makeJob({ id: 2, name: 'fix' })];

beforeEach(() => {
  window.location.hash = '#/jobs/new';
});
afterEach(cleanup);

describe('the editor’s "Runs after" section', () => {
  it('picks upstream jobs and their conditions and sends them with the job', async () => {
    const created: CallInput<'jobs.create'>[] = [];
    const api = fakeApi({
      'prompts.list': () => [],
      'jobs.list': () => ({ items: jobs, total: jobs.length }),
      'jobs.previewSchedule': previewFrom(FROM),
      'jobs.create': (i) => {
        created.push(i);
        return makeJob({ id: 3, name: i.name });
      },
    });
    renderWithApi(<JobEditorPage jobId={null} />, api);
    fireEvent.change(screen.getByLabelText('Name', { exact: true }), { target: { value: 'open PR' } });
    fireEvent.change(screen.getByLabelText('Prompt', { exact: true }), { target: { value: 'Open a PR for {{upstream.result}}' } });
    const section = screen.getByTestId('upstreams-section');
    await waitFor(() => expect((within(section).getByRole('button', { name: 'Add upstream job' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(within(section).getByRole('button', { name: 'Add upstream job' }));
    fireEvent.click(within(section).getByRole('button', { name: 'Add upstream job' }));
    const [job1, job2] = within(section).getAllByLabelText('After job') as HTMLSelectElement[];
    const [cond1] = within(section).getAllByLabelText('Condition') as HTMLSelectElement[];
    expect([job1!.value, job2!.value]).toEqual(['1', '2']);
    fireEvent.change(cond1!, { target: { value: 'failure' } });
    fireEvent.change(within(section).getByLabelText('With several'), { target: { value: 'any' } });
    const save = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    fireEvent.click(save);
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({
      after: [
        { jobId: 1, condition: 'failure' },
        { jobId: 2, condition: 'success' },
      ],
      afterMode: 'any',
    });
  });

  it('shows the engine’s loop refusal in the section', async () => {
    const api = fakeApi({
      'prompts.list': () => [],
      'jobs.list': () => ({ items: jobs, total: jobs.length }),
      'jobs.previewSchedule': previewFrom(FROM),
      'jobs.create': () => {
        throw new AppError('VALIDATION', 'These jobs would trigger each other in a loop: #1 "tests" → #2 "fix" → #1 "tests".', { field: 'after' });
      },
    });
    renderWithApi(<JobEditorPage jobId={null} />, api);
    // The form itself asks for a name before anything is sent.
    fireEvent.change(screen.getByLabelText('Name', { exact: true }), { target: { value: 'fix' } });
    fireEvent.change(screen.getByLabelText('Prompt', { exact: true }), { target: { value: 'x' } });
    const save = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    fireEvent.click(save);
    const alert = await within(screen.getByTestId('upstreams-section')).findByRole('alert');
    expect(alert.textContent).toContain('would trigger each other in a loop');
  });
});

describe('the chain on the job and run pages', () => {
  it('lists what a job runs after and what runs after it, as links', () => {
    render(
      <JobChainCard
        job={makeJob({
          id: 2,
          after: [{ jobId: 1, jobName: 'tests', condition: 'failure' }],
          dependants: [{ jobId: 3, jobName: 'open PR', condition: 'success' }],
        })}
      />,
    );
    const card = screen.getByTestId('job-chain');
    expect(within(card).getByRole('link', { name: '#1 tests' }).getAttribute('href')).toBe('#/jobs/1');
    expect(within(card).getByRole('link', { name: '#3 open PR' }).getAttribute('href')).toBe('#/jobs/3');
    expect(card.textContent).toContain('on failure');
  });

  it('shows nothing for a job outside any chain', () => {
    const { container } = render(<JobChainCard job={makeJob({ id: 1 })} />);
    expect(container.textContent).toBe('');
  });

  it('links a run to its upstream and downstream runs', () => {
    render(
      <dl>
        <RunChainLinks run={makeRun({ id: 8, trigger: 'chain', upstreamRunIds: [5], downstreamRunIds: [9, 10] })} />
      </dl>,
    );
    expect(within(screen.getByTestId('run-upstreams')).getByRole('link', { name: '#5' }).getAttribute('href')).toBe('#/runs/5');
    expect(within(screen.getByTestId('run-downstreams')).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(['#/runs/9', '#/runs/10']);
  });
});
