import { formatClock, truncate, type ClockOptions } from './format';

/** What the tray shows, gathered from the database (see tray-state.ts). */
export interface TrayState {
  running: number;
  cooldown: { cooling: boolean; resetsAt: string | null };
  enabledJobs: number;
  pausedJobs: number;
  /** Soonest first; only the first three are shown. */
  upcoming: { jobId: number; jobName: string; at: string }[];
}

export type TrayAction =
  | { type: 'open' }
  | { type: 'openJob'; jobId: number }
  | { type: 'pauseAll' }
  | { type: 'resumeAll' }
  | { type: 'quit' };

export type TrayMenuItem = { kind: 'separator' } | { kind: 'item'; label: string; enabled: boolean; action: TrayAction | null };

export interface TrayView {
  status: 'idle' | 'running' | 'cooling';
  /** One line: "Idle", "Running 2 runs", "Cooling down until 03:15". */
  statusLine: string;
  tooltip: string;
  items: TrayMenuItem[];
}

const UPCOMING_SHOWN = 3;

// Windows and Linux menus treat "&" as a mnemonic marker; a job named "Build & test" must show as-is.
const menuText = (text: string) => text.replace(/&/g, '&&');

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function statusOf(state: TrayState, now: number, clock: ClockOptions): Pick<TrayView, 'status' | 'statusLine'> {
  if (state.cooldown.cooling) {
    const until = state.cooldown.resetsAt ? ` until ${formatClock(state.cooldown.resetsAt, now, clock)}` : '';
    const alsoRunning = state.running > 0 ? ` · ${plural(state.running, 'run', 'runs')} going` : '';
    return { status: 'cooling', statusLine: `Cooling down${until}${alsoRunning}` };
  }
  if (state.running > 0) return { status: 'running', statusLine: `Running ${plural(state.running, 'run', 'runs')}` };
  return { status: 'idle', statusLine: 'Idle' };
}

/** The tray's menu and tooltip from the current state: a plain function, so every case is tested. */
export function trayView(state: TrayState, now: number, clock: ClockOptions = {}): TrayView {
  const { status, statusLine } = statusOf(state, now, clock);
  const next = state.upcoming.slice(0, UPCOMING_SHOWN);
  const items: TrayMenuItem[] = [
    { kind: 'item', label: menuText(statusLine), enabled: false, action: null },
    { kind: 'separator' },
    { kind: 'item', label: 'Open Claude Night Pilot', enabled: true, action: { type: 'open' } },
    { kind: 'item', label: 'Pause all jobs', enabled: state.enabledJobs > 0, action: { type: 'pauseAll' } },
    { kind: 'item', label: 'Resume all jobs', enabled: state.pausedJobs > 0, action: { type: 'resumeAll' } },
    { kind: 'separator' },
    { kind: 'item', label: next.length > 0 ? 'Next runs' : 'No upcoming runs', enabled: false, action: null },
    ...next.map(
      (u): TrayMenuItem => ({
        kind: 'item',
        label: menuText(`${formatClock(u.at, now, clock)}  ${truncate(u.jobName, 40)}`),
        enabled: true,
        action: { type: 'openJob', jobId: u.jobId },
      }),
    ),
    { kind: 'separator' },
    { kind: 'item', label: 'Quit', enabled: true, action: { type: 'quit' } },
  ];
  return { status, statusLine, tooltip: `Claude Night Pilot — ${statusLine}`, items };
}
