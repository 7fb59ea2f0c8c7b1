import { spawnSync } from 'node:child_process';
import { listProcesses, processesWithToken, type ProcInfo } from './proc-table';

/**
 * Everything a run started: the process group led by `root`, every descendant of `root` (also those
 * that started their own session), and every process carrying the run's token.
 */
export function runProcesses(root: number | null, token: string | null): number[] {
  const table = listProcesses();
  const children = new Map<number, ProcInfo[]>();
  for (const p of table) {
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const found = new Set<number>();
  const visit = (pid: number) => {
    if (found.has(pid)) return;
    found.add(pid);
    for (const c of children.get(pid) ?? []) visit(c.pid);
  };
  if (root !== null && root > 1) {
    if (table.some((p) => p.pid === root)) visit(root);
    for (const p of table) if (p.pgid === root) visit(p.pid);
  }
  if (token) for (const pid of processesWithToken(token)) visit(pid);
  found.delete(process.pid);
  return [...found];
}

function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

/**
 * Signals a run's whole tree. With SIGKILL the tree is first frozen (SIGSTOP) until no new process
 * appears, so a process forking in a loop cannot slip out between listing and killing.
 * Returns the pids signalled.
 */
export function killTree(root: number | null, token: string | null, sig: NodeJS.Signals): number[] {
  if (process.platform === 'win32') {
    if (root === null) return [];
    // taskkill walks the tree by parent; /F is the only reliable way to end console programs.
    spawnSync('taskkill', ['/T', '/F', '/PID', String(root)], { stdio: 'ignore', windowsHide: true });
    return [root];
  }
  const all = new Set<number>();
  if (sig === 'SIGKILL') {
    for (let round = 0; round < 10; round++) {
      const fresh = runProcesses(root, token).filter((p) => !all.has(p));
      if (!fresh.length) break;
      for (const pid of fresh) {
        all.add(pid);
        signal(pid, 'SIGSTOP');
      }
    }
  } else {
    for (const pid of runProcesses(root, token)) all.add(pid);
  }
  // The group as well, in case the OS listing missed a member.
  if (root !== null && root > 1) {
    try {
      process.kill(-root, sig);
    } catch {
      // no such group
    }
  }
  for (const pid of all) signal(pid, sig);
  return [...all];
}
