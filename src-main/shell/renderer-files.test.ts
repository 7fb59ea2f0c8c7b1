import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerRendererFile } from './renderer-files';

let root: string;
let rendererDir: string;
const csp = "default-src 'none'; frame-ancestors 'none'";

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-renderer-files-'));
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {}');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const url = (file: string) => pathToFileURL(file).href;

describe('answerRendererFile', () => {
  it('serves the page with the CSP header and a script with its type', () => {
    expect(answerRendererFile(url(path.join(rendererDir, 'index.html')), rendererDir, csp)).toMatchObject({
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
    });
    const script = answerRendererFile(`${url(path.join(rendererDir, 'assets', 'app.js'))}?v=1#x`, rendererDir, csp);
    expect(script).toMatchObject({ status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Access-Control-Allow-Origin': '*' } });
    expect(script.headers['Content-Security-Policy']).toBeUndefined();
  });

  it.each([
    ['a file outside the folder', () => url(path.join(root, 'secret.txt')), 403],
    ['a symlink leading out', () => url(path.join(rendererDir, 'assets', 'link.txt')), 403],
    ['a missing file outside', () => url(path.join(root, 'nope.txt')), 403],
    ['a missing file inside', () => url(path.join(rendererDir, 'nope.js')), 404],
    ['the folder itself', () => url(rendererDir), 403],
    ['a remote file host', () => 'file://server/share/index.html', 403],
    ['not a file URL', () => 'https://example.com/', 403],
  ])('refuses %s', (_name, target, status) => {
    expect(answerRendererFile(target(), rendererDir, csp).status).toBe(status);
  });
});
