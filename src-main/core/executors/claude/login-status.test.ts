import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeLoginStatus } from './login-status';

const NOW = Date.parse('2026-03-10T06:00:00Z');
let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
const home = () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-login-'));
  return dir;
};

describe('claudeLoginStatus: logged in or not, without a token spent', () => {
  it('an API key or OAuth token in the environment counts, and is never shown', () => {
    const h = home();
    expect(claudeLoginStatus({ HOME: h, ANTHROPIC_API_KEY: 'sk-ant-secret' }, NOW)).toEqual({ loggedIn: true, method: 'ANTHROPIC_API_KEY', detail: 'ANTHROPIC_API_KEY is set' });
    const oauth = claudeLoginStatus({ HOME: h, CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat-secret' }, NOW);
    expect(oauth.method).toBe('CLAUDE_CODE_OAUTH_TOKEN');
    expect(JSON.stringify(oauth)).not.toContain('secret');
  });

  it('reads the saved login in CLAUDE_CONFIG_DIR/.credentials.json', () => {
    const h = home();
    const config = path.join(h, 'claude-config');
    fs.mkdirSync(config);
    fs.writeFileSync(path.join(config, '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: 'tok', refreshToken: 'ref', expiresAt: NOW - 1000 } }));
    expect(claudeLoginStatus({ HOME: h, CLAUDE_CONFIG_DIR: config }, NOW)).toMatchObject({ loggedIn: true, method: 'saved login' });
    fs.writeFileSync(path.join(config, '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: 'tok', expiresAt: NOW - 1000 } }));
    expect(claudeLoginStatus({ HOME: h, CLAUDE_CONFIG_DIR: config }, NOW)).toMatchObject({ loggedIn: false, detail: expect.stringMatching(/expired/) });
  });

  it('an account record in ~/.claude.json (macOS keeps the token in the keychain) counts', () => {
    const h = home();
    fs.writeFileSync(path.join(h, '.claude.json'), JSON.stringify({ oauthAccount: { emailAddress: 'me@example.com' } }));
    expect(claudeLoginStatus({ HOME: h }, NOW)).toMatchObject({ loggedIn: true, method: 'account record', detail: expect.stringContaining('me@example.com') });
  });

  it('nothing at all: not logged in, with what to do', () => {
    expect(claudeLoginStatus({ HOME: home() }, NOW)).toMatchObject({ loggedIn: false, method: null, detail: expect.stringMatching(/\/login/) });
  });

  it('a scheduled run refused as not logged in outranks the files', () => {
    const got = claudeLoginStatus({ HOME: home(), ANTHROPIC_API_KEY: 'k' }, NOW, { at: NOW - 60_000, message: 'Claude is not logged in for scheduled runs: Invalid API key · Please run /login' });
    expect(got.loggedIn).toBe(false);
    expect(got.detail).toMatch(/the last Claude run \(2026-03-10T05:59:00.000Z\) was refused: Invalid API key/);
  });
});
