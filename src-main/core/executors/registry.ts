import type { JobKind } from '../../../src-shared/domain';
import { ClaudeExecutor } from './claude/claude-executor';
import { HttpExecutor } from './http/http-executor';
import { ShellExecutor } from './shell/shell-executor';
import type { Executor } from './types';

export function createExecutors(): Record<JobKind, Executor> {
  return { claude: new ClaudeExecutor(), shell: new ShellExecutor(), http: new HttpExecutor() };
}
