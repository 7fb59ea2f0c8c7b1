// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CooldownStatus } from '../../../src-shared/domain';
import { useLiveUpdates } from '../../api/live-updates';
import { fakeApi } from '../../test-support/fake-api';
import { NOT_COOLING } from '../../test-support/fixtures';
import { renderWithApi } from '../../test-support/render';
import { CooldownBanner } from './CooldownBanner';

afterEach(cleanup);

const localClock = (t: number) =>
  new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);

describe('cooldown banner', () => {
  it('shows the reset time, a countdown and the deferred runs, and clears', async () => {
    const resetsAt = Date.now() + (2 * 3600 + 14 * 60) * 1000 - 500;
    const cooling: CooldownStatus = {
      ...NOT_COOLING,
      cooling: true,
      resetsAt: new Date(resetsAt).toISOString(),
      source: 'rate_limit_event',
      deferredRuns: 3,
    };
    const api = fakeApi({ 'cooldown.status': () => cooling, 'cooldown.clear': () => NOT_COOLING });
    renderWithApi(<CooldownBanner />, api);
    const banner = await screen.findByRole('status');
    expect(banner.textContent).toContain(`Cooling down — resets at ${localClock(resetsAt)} (in 2h 14m)`);
    expect(banner.textContent).toContain('3 deferred runs');
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
  });

  it('follows cooldown.changed events and hints when close to the limit', async () => {
    const api = fakeApi({ 'cooldown.status': () => NOT_COOLING });
    renderWithApi(<CooldownBannerWithEvents />, api);
    await waitFor(() => expect(api.calls).toHaveLength(1));
    expect(screen.queryByRole('status')).toBeNull();
    act(() =>
      api.emit('cooldown.changed', {
        ...NOT_COOLING,
        warning: { at: new Date().toISOString(), resetsAt: null, limitType: 'five_hour', utilization: 0.85 },
      }),
    );
    expect((await screen.findByRole('status')).textContent).toContain('Close to the five hour limit (85% used)');
  });
});

function CooldownBannerWithEvents() {
  useLiveUpdates();
  return <CooldownBanner />;
}
