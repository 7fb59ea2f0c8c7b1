import type { Health } from '../../src-shared/contract';

/**
 * What `cnp doctor` counts as a problem: something that stops scheduled work from running. Each is
 * a sentence with the fix; any problem makes doctor exit 1, so scripts and CI can rely on it.
 */
export function doctorProblems(health: Health, enabledScheduledJobs: number): string[] {
  const problems: string[] = [];
  if (!health.claude.path) {
    problems.push('No Claude CLI was found: install Claude Code (npm install -g @anthropic-ai/claude-code), or set its path in Settings or with CNP_CLAUDE_PATH.');
  } else if (health.claude.error) {
    problems.push(`The Claude CLI at ${health.claude.path} does not work (${health.claude.error}): reinstall it or point Settings at a working one.`);
  }
  // Only worth asking once there is a CLI to log in with.
  if (health.claude.path && !health.claude.error && health.claudeLogin?.loggedIn === false) {
    problems.push(`Claude is not logged in for scheduled runs: ${health.claudeLogin.detail}.`);
  }
  if (!health.engine.running && enabledScheduledJobs > 0) {
    const jobs = enabledScheduledJobs === 1 ? '1 scheduled job' : `${enabledScheduledJobs} scheduled jobs`;
    problems.push(`No engine is running, so ${jobs} will not run: start the desktop app or \`cnp serve\`.`);
  }
  return problems;
}

export function problemsText(problems: string[]): string {
  if (problems.length === 0) return 'No problems found.';
  return [`${problems.length === 1 ? '1 problem' : `${problems.length} problems`}:`, ...problems.map((p) => `  - ${p}`)].join('\n');
}
