// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Run, RunEvent } from '../../../src-shared/domain';
import { fakeApi } from '../../test-support/fake-api';
import { makeRun } from '../../test-support/fixtures';
import { useFakeLayout } from '../../test-support/layout';
import { renderWithApi } from '../../test-support/render';
import { useRunLogView } from '../../state/run-log';
import { RunPage } from './RunPage';

const event = (seq: number, kind: RunEvent['kind'], payload: unknown, runId = 5): RunEvent => ({
  runId,
  seq,
  ts: '2026-03-02T01:00:02.000Z',
  kind,
  payload,
});
const assistant = (seq: number, text: string) => event(seq, 'assistant', { type: 'assistant', message: { content: [{ type: 'text', text }] } });

useFakeLayout({ width: 1000, height: 2000 }, 20);

beforeEach(() => useRunLogView.setState({ follow: true }));
afterEach(cleanup);

function setup(run: Run, stored: RunEvent[]) {
  const pages: { afterSeq: number | undefined }[] = [];
  const api = fakeApi({
    'runs.get': () => run,
    'runs.events': ({ afterSeq, limit }) => {
      pages.push({ afterSeq });
      const events = stored.filter((e) => e.seq > (afterSeq ?? 0)).slice(0, limit ?? 5000);
      return { events, truncated: false };
    },
    'runs.cancel': () => ({ ...run, status: 'cancelled' }),
    'runs.retry': () => makeRun({ id: 6, status: 'queued' }),
  });
  renderWithApi(<RunPage runId={run.id} />, api);
  return { api, pages };
}

const liveLog = () => screen.getByRole('region', { name: 'Live log' });

describe('run page', () => {
  it('shows stored events, then streams live ones without duplicates', async () => {
    const run = makeRun({ id: 5, status: 'running' });
    const { api } = setup(run, [
      event(1, 'system', { type: 'system', subtype: 'init', model: 'sonnet', cwd: '/repo' }),
      assistant(2, 'Hello **world**'),
      event(3, 'stderr', { text: 'a warning' }),
    ]);
    await waitFor(() => expect(liveLog().querySelector('strong')?.textContent).toBe('world'));
    const stderr = within(liveLog()).getByText('a warning').closest('.log-stderr');
    expect(stderr?.textContent).toContain('stderr');

    act(() => {
      api.emit('run.event', assistant(3, 'duplicate of seq 3'));
      api.emit('run.event', event(4, 'stdout', { text: 'live line' }));
      api.emit('run.event', event(1, 'stdout', { text: 'other run' }, 99));
    });
    await waitFor(() => expect(within(liveLog()).getByText('live line')).toBeTruthy());
    expect(within(liveLog()).queryByText('duplicate of seq 3')).toBeNull();
    expect(within(liveLog()).queryByText('other run')).toBeNull();
  });

  it('pages through a long log with afterSeq', async () => {
    const stored = Array.from({ length: 12_000 }, (_, i) => event(i + 1, 'stdout', { text: `line ${i + 1}` }));
    const { pages } = setup(makeRun({ id: 5, status: 'succeeded', finishedAt: '2026-03-02T01:05:00.000Z' }), stored);
    await waitFor(() => expect(within(liveLog()).getByText('12000 entries')).toBeTruthy());
    // Three pages, then (the run being over) at most one last look for events stored late.
    expect(pages.map((p) => p.afterSeq).slice(0, 3)).toEqual([0, 5000, 10000]);
    expect(pages.slice(3).every((p) => p.afterSeq === 12000)).toBe(true);
  });

  it('renders tool calls collapsible with their input and result, and steps through search matches in context', async () => {
    setup(makeRun({ id: 5, status: 'running' }), [
      event(1, 'tool_use', { type: 'assistant', message: { content: [{ type: 'tool_use', id: 'tu1', name: 'Bash', input: { command: 'git status' } }] } }),
      event(2, 'tool_result', { type: 'user', message: { content: [{ type: 'tool_result', tool_use_id: 'tu1', content: 'nothing to commit' }] } }),
      event(3, 'stdout', { text: 'unrelated' }),
    ]);
    const details = await waitFor(() => {
      const d = liveLog().querySelector('details');
      expect(d).not.toBeNull();
      return d!;
    });
    expect(details.querySelector('summary')?.textContent).toContain('Bash');
    expect(details.textContent).toContain('"command": "git status"');
    expect(details.textContent).toContain('nothing to commit');
    fireEvent.change(within(liveLog()).getByLabelText('Search log'), { target: { value: 'unrel' } });
    // The other rows stay (a match is read in its context); the match is marked and counted.
    await waitFor(() => expect(within(liveLog()).getByText('Match 1 of 1')).toBeTruthy());
    expect(liveLog().querySelector('mark')?.textContent).toBe('unrel');
    expect(liveLog().querySelector('.log-row-current')?.textContent).toContain('unrelated');
    expect(liveLog().querySelector('details')).not.toBeNull();
    fireEvent.change(within(liveLog()).getByLabelText('Search log'), { target: { value: 'nothing here' } });
    await waitFor(() => expect(within(liveLog()).getByText('No matches')).toBeTruthy());
    expect((within(liveLog()).getByRole('button', { name: 'Next match' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the run’s facts and its cost, and offers Retry once finished', async () => {
    const run = makeRun({
      id: 5,
      status: 'succeeded',
      startedAt: '2026-03-02T01:00:01.000Z',
      finishedAt: '2026-03-02T01:00:13.000Z',
      durationMs: 12_000,
      exitCode: 0,
      costUsd: 0.0123,
      sessionId: 'abc-123',
      tokens: { input: 1200, output: 340, cacheRead: 0, cacheCreation: 0 },
    });
    setup(run, [event(1, 'result', { type: 'result', subtype: 'success', is_error: false, result: 'Done.', total_cost_usd: 0.0123 })]);
    await screen.findByText('Run #5');
    expect(screen.getAllByText('$0.0123').length).toBeGreaterThan(0);
    expect(screen.getByText('abc-123')).toBeTruthy();
    expect(screen.getByText('12.0s')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(window.location.hash).toBe('#/runs/6'));
  });
});
