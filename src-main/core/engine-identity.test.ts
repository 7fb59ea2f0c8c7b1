import { spawn } from 'node:child_process';
import os from 'node:os';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { holderAlive, newHolderId, parseHolder, processStartTime } from './engine-identity';

const host = os.hostname();

describe('engine identity: pid plus start time', () => {
  it('names this process with its start time and finds it alive', () => {
    const id = newHolderId('engine');
    const parsed = parseHolder(id);
    expect(parsed).toMatchObject({ host, pid: process.pid });
    if (process.platform === 'linux') expect(parsed!.start).toBe(processStartTime(process.pid));
    expect(holderAlive(id)).toBe(true);
  });

  it.runIf(process.platform === 'linux')('tells a live process from a gone one and from a reused pid', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    await once(child, 'spawn');
    const pid = child.pid!;
    const start = processStartTime(pid)!;
    expect(start).toMatch(/^\d+$/);
    expect(holderAlive(`engine:${host}/${pid}@${start}/abcd1234`)).toBe(true);
    // Same pid, another start time: the pid now belongs to a later process.
    expect(holderAlive(`engine:${host}/${pid}@${Number(start) - 1}/abcd1234`)).toBe(false);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(holderAlive(`engine:${host}/${pid}@${start}/abcd1234`)).toBe(false);
    expect(holderAlive(`engine:${host}/${pid}/abcd1234`)).toBe(false);
  });

  it('cannot judge a holder on another host, so assumes it alive (the stale timeout decides)', () => {
    expect(holderAlive(`engine:not-${host}/1/abcd1234`)).toBe(true);
    expect(holderAlive('garbage')).toBe(false);
  });
});
