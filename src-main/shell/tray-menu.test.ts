import { describe, expect, it } from 'vitest';
import { trayView, type TrayMenuItem, type TrayState } from './tray-menu';

const now = Date.parse('2026-03-10T20:00:00Z');
const clock = { timeZone: 'Asia/Taipei' }; // UTC+8, no DST: 20:00Z is 04:00 on the 11th there

const base: TrayState = {
  running: 0,
  cooldown: { cooling: false, resetsAt: null },
  enabledJobs: 2,
  pausedJobs: 0,
  upcoming: [],
};

const labels = (items: TrayMenuItem[]) => items.map((i) => (i.kind === 'separator' ? '---' : i.label));
const item = (items: TrayMenuItem[], label: string) => items.find((i) => i.kind === 'item' && i.label === label);

describe('trayView status', () => {
  it.each<[string, Partial<TrayState>, string, string]>([
    ['idle when nothing runs', {}, 'idle', 'Idle'],
    ['running with one run', { running: 1 }, 'running', 'Running 1 run'],
    ['running with several', { running: 3 }, 'running', 'Running 3 runs'],
    ['cooling with its reset time in the local zone', { cooldown: { cooling: true, resetsAt: '2026-03-10T23:15:00Z' } }, 'cooling', 'Cooling down until 07:15'],
    ['cooling with an unknown reset', { cooldown: { cooling: true, resetsAt: null } }, 'cooling', 'Cooling down'],
    ['cooling while shell runs go on', { running: 2, cooldown: { cooling: true, resetsAt: '2026-03-10T23:15:00Z' } }, 'cooling', 'Cooling down until 07:15 · 2 runs going'],
    ['cooling until another day', { cooldown: { cooling: true, resetsAt: '2026-03-12T01:00:00Z' } }, 'cooling', 'Cooling down until Thu 09:00'],
  ])('%s', (_name, patch, status, line) => {
    const view = trayView({ ...base, ...patch }, now, clock);
    expect(view.status).toBe(status);
    expect(view.statusLine).toBe(line);
    expect(view.tooltip).toBe(`Claude Night Pilot — ${line}`);
    expect(view.items[0]).toEqual({ kind: 'item', label: line, enabled: false, action: null });
  });
});

describe('trayView menu', () => {
  it('offers Open, Pause all / Resume all, the next three runs and Quit, in that order', () => {
    const view = trayView(
      {
        ...base,
        upcoming: [
          { jobId: 1, jobName: 'nightly refactor', at: '2026-03-10T20:30:00Z' },
          { jobId: 2, jobName: 'backup', at: '2026-03-10T21:00:00Z' },
          { jobId: 3, jobName: 'report', at: '2026-03-11T19:00:00Z' },
          { jobId: 4, jobName: 'fourth', at: '2026-03-11T20:00:00Z' },
        ],
      },
      now,
      clock,
    );
    expect(labels(view.items)).toEqual([
      'Idle',
      '---',
      'Open Claude Night Pilot',
      'Pause all jobs',
      'Resume all jobs',
      '---',
      'Next runs',
      '04:30  nightly refactor',
      '05:00  backup',
      'Thu 03:00  report',
      '---',
      'Quit',
    ]);
    expect(item(view.items, '05:00  backup')).toMatchObject({ enabled: true, action: { type: 'openJob', jobId: 2 } });
    expect(item(view.items, 'Quit')).toMatchObject({ action: { type: 'quit' } });
  });

  it('says when nothing is coming up', () => {
    expect(labels(trayView(base, now, clock).items)).toContain('No upcoming runs');
  });

  it.each([
    [{ enabledJobs: 3, pausedJobs: 0 }, true, false],
    [{ enabledJobs: 0, pausedJobs: 3 }, false, true],
    [{ enabledJobs: 1, pausedJobs: 1 }, true, true],
    [{ enabledJobs: 0, pausedJobs: 0 }, false, false],
  ])('enables Pause all / Resume all only when they would change something (%o)', (counts, pause, resume) => {
    const view = trayView({ ...base, ...counts }, now, clock);
    expect(item(view.items, 'Pause all jobs')).toMatchObject({ enabled: pause, action: { type: 'pauseAll' } });
    expect(item(view.items, 'Resume all jobs')).toMatchObject({ enabled: resume, action: { type: 'resumeAll' } });
  });

  it('shows job names literally and keeps long ones short', () => {
    const view = trayView({ ...base, upcoming: [{ jobId: 9, jobName: `Build & test ${'x'.repeat(60)}`, at: '2026-03-10T20:30:00Z' }] }, now, clock);
    const label = labels(view.items)[7]!;
    expect(label.startsWith('04:30  Build && test')).toBe(true);
    expect(label.endsWith('…')).toBe(true);
  });
});
