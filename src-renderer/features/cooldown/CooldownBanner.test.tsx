// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CooldownStatus } from '../../../src-shared/domain';
import { useLiveUpdates } from '../../api/live-updates';
import { fakeApi } from '../../test-support/fake-api';
import { makeRun, NOT_COOLING } from '../../test-support/fixtures';
import { renderWithApi } from '../../test-support/render';
import { countdown, CooldownBanner, resetWhen } from './CooldownBanner';
import { formatInZone } from '../../lib/time';
import { i18n } from '../../i18n';

afterEach(cleanup);

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const localClock = (t: number) =>
  `${new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t)} ${localZone}`;

describe('cooldown banner', () => {
  it('shows the reset time, a countdown and the deferred runs, and clears after saying what will run', async () => {
    const resetsAt = Date.now() + (2 * 3600 + 14 * 60) * 1000 - 500;
    const cooling: CooldownStatus = {
      ...NOT_COOLING,
      cooling: true,
      resetsAt: new Date(resetsAt).toISOString(),
      source: 'rate_limit_event',
      deferredRuns: 3,
    };
    let status = cooling;
    const deferred = [1, 2, 3].map((id) => (makeRun({ id, jobName: `review-${id}`, status: 'deferred_cooldown' })));
    const api = fakeApi({
      'cooldown.status': () => status,
      'cooldown.clear': () => (status = NOT_COOLING),
      'cooldown.meters': () => [],
      'runs.list': () => ({ items: deferred, total: 3 }),
    });
    renderWithApi(<CooldownBanner />, api);
    const live = await screen.findByRole('status');
    expect(live.textContent).toContain(`Cooling down — resets at ${localClock(resetsAt)}`);
    expect(live.textContent).toContain('Deferred runs waiting: 3.');
    // The ticking countdown is outside the live region, so it is not announced every second.
    expect(live.textContent).not.toContain('2h 14m');
    expect(screen.getByRole('timer').textContent).toBe('in 2h 14m');
    fireEvent.click(screen.getByRole('button', { name: 'Clear cooldown' }));
    const dialog = await screen.findByRole('dialog', { name: 'Clear the cooldown?' });
    await waitFor(() => expect(within(dialog).getByText('review-3 #3')).toBeTruthy());
    expect(dialog.textContent).toContain('These deferred runs start now (3)');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Clear cooldown' }));
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
  });

  it('names the model family a scoped limit holds back, and the day of a reset more than a day away', async () => {
    const resetsAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const api = fakeApi({
      'cooldown.status': () => ({ ...NOT_COOLING, cooling: true, resetsAt, deferredRuns: 1, scope: 'opus', model: 'opus', limitType: 'seven_day_opus' }),
      'cooldown.meters': () => [],
    });
    renderWithApi(<CooldownBanner />, api);
    const live = await screen.findByRole('status');
    expect(live.textContent).toContain(`Cooling down (Opus only) — resets at ${formatInZone(resetsAt)}`);
    expect(live.textContent).toContain('Runs of other models and non-Claude jobs keep running.');
    expect(screen.getByRole('timer').textContent).toBe('in 2d 0h');
  });

  it('gives a time of day for a reset within a day, and the date beyond', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(resetWhen('2026-12-02T23:30:00Z', now)).toMatch(/^\d{2}:\d{2} /);
    expect(resetWhen('2026-12-04T10:00:00Z', now)).toBe(formatInZone('2026-12-04T10:00:00Z'));
  });

  it('counts down to the second in the last hour', () => {
    expect(countdown(59 * 60_000 + 12_000)).toBe('59m 12s');
    expect(countdown(2 * 3_600_000 + 60_000)).toBe('2h 1m');
    expect(countdown(45_000)).toBe('45s');
  });

  it('follows cooldown.changed events and hints when close to the limit', async () => {
    const api = fakeApi({ 'cooldown.status': () => NOT_COOLING, 'cooldown.meters': () => [] });
    renderWithApi(<CooldownBannerWithEvents />, api);
    await waitFor(() => expect(api.calls.some((c) => c.channel === 'cooldown.status')).toBe(true));
    expect(screen.queryByRole('status')).toBeNull();
    act(() =>
      api.emit('cooldown.changed', {
        ...NOT_COOLING,
        warning: { at: new Date().toISOString(), resetsAt: null, limitType: 'five_hour', utilization: 0.85 },
      }),
    );
    expect((await screen.findByRole('status')).textContent).toContain('Close to the 5-hour limit (85% used)');
  });

  it('names the limit as the meters do, in the reader’s language (not Claude’s identifier)', async () => {
    const warn = (limitType: string | null) => ({ ...NOT_COOLING, warning: { at: new Date().toISOString(), resetsAt: null, limitType, utilization: 0.9 } });
    await i18n.changeLanguage('zh-TW');
    try {
      renderWithApi(<CooldownBanner />, fakeApi({ 'cooldown.status': () => warn('seven_day'), 'cooldown.meters': () => [] }));
      expect((await screen.findByRole('status')).textContent).toContain('接近每週上限');
      cleanup();
      renderWithApi(<CooldownBanner />, fakeApi({ 'cooldown.status': () => warn('seven_day_opus'), 'cooldown.meters': () => [] }));
      expect((await screen.findByRole('status')).textContent).toContain('接近每週（Opus）上限');
    } finally {
      await i18n.changeLanguage('en');
    }
    cleanup();
    renderWithApi(<CooldownBanner />, fakeApi({ 'cooldown.status': () => warn(null), 'cooldown.meters': () => [] }));
    expect((await screen.findByRole('status')).textContent).toContain('Close to the usage limit (90% used)');
  });
});

function CooldownBannerWithEvents() {
  useLiveUpdates();
  return <CooldownBanner />;
}
