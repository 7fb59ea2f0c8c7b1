import { describe, expect, it } from 'vitest';
import type { CooldownEntry, CooldownStatus } from '../../../src-shared/domain';
import { makeJob, NOT_COOLING } from '../../test-support/fixtures';
import { wouldDeferRun } from './RunNowButton';

const entry = (scope: CooldownEntry['scope']): CooldownEntry => ({
  scope,
  limitType: scope === 'all' ? 'five_hour' : `seven_day_${scope}`,
  startedAt: '2026-12-02T00:00:00.000Z',
  resetsAt: '2026-12-04T00:00:00.000Z',
  source: 'rate_limit_event',
  message: 'limit',
  needsUser: false,
  probeStep: 0,
  clearedAt: null,
  clearedBy: null,
});
const cooling = (...scopes: CooldownEntry['scope'][]): CooldownStatus => ({ ...NOT_COOLING, cooling: true, resetsAt: '2026-12-04T00:00:00.000Z', cooldowns: scopes.map(entry) });
const claude = (options: Parameters<typeof makeJob>[0]['options'] = {}) => makeJob({ id: 1, kind: 'claude', options });

describe('Run now warns only about runs the engine would defer', () => {
  it('a limit on all Claude work holds back every Claude job, never a shell job', () => {
    expect(wouldDeferRun(claude({ model: 'sonnet' }), cooling('all'))).toBe(true);
    expect(wouldDeferRun(makeJob({ id: 2, kind: 'shell' }), cooling('all'))).toBe(false);
    expect(wouldDeferRun(claude({ model: 'sonnet' }), NOT_COOLING)).toBe(false);
  });

  it('an Opus limit holds back Opus jobs and jobs of unknown model, not Sonnet jobs', () => {
    expect(wouldDeferRun(claude({ model: 'claude-opus-4-1' }), cooling('opus'))).toBe(true);
    expect(wouldDeferRun(claude({}), cooling('opus'))).toBe(true);
    expect(wouldDeferRun(claude({ model: 'sonnet' }), cooling('opus'))).toBe(false);
    expect(wouldDeferRun(claude({ model: 'sonnet' }), cooling('opus', 'sonnet'))).toBe(true);
  });

  it('an Opus job that falls back on a limit runs on its fallback unless that is limited too', () => {
    const job = claude({ model: 'opus', fallbackModel: 'sonnet', fallbackOnLimit: true });
    expect(wouldDeferRun(job, cooling('opus'))).toBe(false);
    expect(wouldDeferRun(job, cooling('opus', 'sonnet'))).toBe(true);
    expect(wouldDeferRun(claude({ model: 'opus', fallbackModel: 'sonnet' }), cooling('opus'))).toBe(true);
  });

  it('a status without the list of cooldowns (an older server) is taken as holding back all Claude work', () => {
    expect(wouldDeferRun(claude({ model: 'sonnet' }), { ...NOT_COOLING, cooling: true, resetsAt: null })).toBe(true);
  });
});
