/**
 * Claude failures that no retry or waiting will fix: the user has to log in again, or raise a
 * spend limit / add credits. Conservative on purpose: only the wordings CLAUDE-CLI.md lists (and
 * the API's own error type names), so an ordinary failure never raises these alerts.
 * (When the Claude executor's own error classes land, they take precedence over this text match.)
 */
export type ClaudeProblem = 'auth' | 'spend_limit';

const AUTH = [/not logged in/i, /please run \/login/i, /invalid api key/i, /\bauthentication_error\b/i, /oauth token (?:has )?expired/i];
const SPEND = [
  /credit balance is too low/i,
  /spend(?:ing)? (?:limit|cap)/i,
  /out of usage credits/i,
  /org(?:anization)?(?:'s)? is out of usage/i,
  /usage is paused for your organi[sz]ation/i,
];

export function classifyClaudeProblem(errorText: string | null | undefined): ClaudeProblem | null {
  if (!errorText) return null;
  if (AUTH.some((p) => p.test(errorText))) return 'auth';
  if (SPEND.some((p) => p.test(errorText))) return 'spend_limit';
  return null;
}
