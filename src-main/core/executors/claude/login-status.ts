import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { NOT_LOGGED_IN_PREFIX } from '../../cooldown/classify';

/**
 * Whether the Claude CLI is logged in, found without spending a token and without starting the CLI:
 * every check that asks the API costs a request (and a headless `claude -p` can hang on a login
 * shell), so this reads what the CLI itself reads at start-up, in its order —
 * ANTHROPIC_API_KEY, CLAUDE_CODE_OAUTH_TOKEN, then the saved login in CLAUDE_CONFIG_DIR
 * (`.credentials.json` on Linux; on macOS the token is in the Keychain and `.claude.json` records
 * the account) — and then overrules it with the newest evidence there is: a scheduled run that was
 * refused as not logged in (a headless run can fail with 401 while an interactive one works).
 */

export interface ClaudeLogin {
  /** null when nothing says either way. */
  loggedIn: boolean | null;
  /** How: `ANTHROPIC_API_KEY`, `CLAUDE_CODE_OAUTH_TOKEN`, `saved login`, `account record`, or null. */
  method: string | null;
  /** The evidence, in a sentence (paths included, never a secret). */
  detail: string;
}

const Credentials = z.looseObject({
  claudeAiOauth: z.looseObject({ accessToken: z.string().min(1), expiresAt: z.number().optional(), refreshToken: z.string().optional() }).optional(),
});
const AccountRecord = z.looseObject({ oauthAccount: z.looseObject({ emailAddress: z.string().optional() }).optional(), primaryApiKey: z.string().optional() });

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function fromFiles(env: NodeJS.ProcessEnv, now: number): ClaudeLogin {
  const home = env.HOME ?? os.homedir();
  const configDir = env.CLAUDE_CONFIG_DIR ?? path.join(home, '.claude');
  const credentialsFile = path.join(configDir, '.credentials.json');
  const creds = Credentials.safeParse(readJson(credentialsFile));
  const oauth = creds.success ? creds.data.claudeAiOauth : undefined;
  if (oauth) {
    const expired = oauth.expiresAt !== undefined && oauth.expiresAt < now;
    if (expired && !oauth.refreshToken) {
      return { loggedIn: false, method: 'saved login', detail: `The saved login in ${credentialsFile} expired on ${new Date(oauth.expiresAt!).toISOString()}: run \`claude\` and /login` };
    }
    return { loggedIn: true, method: 'saved login', detail: `Saved subscription login in ${credentialsFile}` };
  }
  const accountFile = env.CLAUDE_CONFIG_DIR ? path.join(env.CLAUDE_CONFIG_DIR, '.claude.json') : path.join(home, '.claude.json');
  const account = AccountRecord.safeParse(readJson(accountFile));
  if (account.success && (account.data.oauthAccount || account.data.primaryApiKey)) {
    const who = account.data.oauthAccount?.emailAddress;
    return { loggedIn: true, method: 'account record', detail: `Login recorded in ${accountFile}${who ? ` for ${who}` : ''} (the token itself is in the system keychain)` };
  }
  return {
    loggedIn: false,
    method: null,
    detail: `No ANTHROPIC_API_KEY, CLAUDE_CODE_OAUTH_TOKEN or saved login (${credentialsFile}, ${accountFile}): run \`claude\` and /login, or set one of them for the app`,
  };
}

/** `lastAuthFailure`: the newest Claude run refused as not logged in, if it is newer than any success. */
export function claudeLoginStatus(env: NodeJS.ProcessEnv, now: number, lastAuthFailure: { at: number; message: string } | null = null): ClaudeLogin {
  let login: ClaudeLogin;
  if (env.ANTHROPIC_API_KEY) login = { loggedIn: true, method: 'ANTHROPIC_API_KEY', detail: 'ANTHROPIC_API_KEY is set' };
  else if (env.CLAUDE_CODE_OAUTH_TOKEN) login = { loggedIn: true, method: 'CLAUDE_CODE_OAUTH_TOKEN', detail: 'CLAUDE_CODE_OAUTH_TOKEN is set' };
  else login = fromFiles(env, now);
  if (lastAuthFailure) {
    return {
      loggedIn: false,
      method: login.method,
      detail: `${login.detail}; but the last Claude run (${new Date(lastAuthFailure.at).toISOString()}) was refused: ${lastAuthFailure.message.replace(`${NOT_LOGGED_IN_PREFIX}: `, '')}`,
    };
  }
  return login;
}
