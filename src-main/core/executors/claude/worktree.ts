import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { WorktreeOptions } from '../../../../src-shared/domain';

export interface Worktree {
  path: string;
  branch: string;
  repo: string;
}

/** A fresh `git worktree` of the job's repository on a new branch, so unattended edits stay apart. */
export async function createWorktree(repo: string, runId: number, opts: WorktreeOptions): Promise<Worktree> {
  const top = await execa('git', ['-C', repo, 'rev-parse', '--show-toplevel'], { reject: false, stdin: 'ignore' });
  if (top.exitCode !== 0) throw new Error(`Cannot create a worktree: ${repo} is not inside a git repository`);
  const root = top.stdout.trim();
  const branch = `cnp/run-${runId}`;
  const dir = path.join(os.tmpdir(), 'cnp-worktrees', `${path.basename(root)}-run-${runId}`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const add = await execa('git', ['-C', root, 'worktree', 'add', '-b', branch, dir, opts.baseRef ?? 'HEAD'], { reject: false, stdin: 'ignore' });
  if (add.exitCode !== 0) throw new Error(`Cannot create a worktree on branch ${branch}: ${(add.stderr || add.stdout).trim()}`);
  return { path: dir, branch, repo: root };
}

/** Removes the worktree folder by policy; the branch stays, so committed work is never lost. */
export async function finishWorktree(wt: Worktree, keep: WorktreeOptions['keep'], succeeded: boolean): Promise<'kept' | 'removed'> {
  if (keep === 'always' || (keep === 'on_failure' && !succeeded)) return 'kept';
  await execa('git', ['-C', wt.repo, 'worktree', 'remove', '--force', wt.path], { reject: false, stdin: 'ignore' });
  return 'removed';
}
