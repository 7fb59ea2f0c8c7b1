import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { externalLinkTarget, isOwnRendererUrl } from './sender-check';

const rendererDir = path.resolve('/opt/cnp/out/renderer');
const indexUrl = pathToFileURL(path.join(rendererDir, 'index.html')).href;
const built = { rendererDir, devServerUrl: null };
const dev = { rendererDir, devServerUrl: 'http://localhost:5173/' };

describe('isOwnRendererUrl', () => {
  it.each([
    ['the built index page', indexUrl, built, true],
    ['the built index page with a hash route', `${indexUrl}#/runs/4`, built, true],
    ['the built index page with a query', `${indexUrl}?x=1`, built, true],
    ['another file in the renderer folder', pathToFileURL(path.join(rendererDir, 'other.html')).href, built, false],
    ['a file outside the renderer folder', pathToFileURL('/etc/passwd').href, built, false],
    ['a sibling folder sharing the prefix', pathToFileURL('/opt/cnp/out/renderer-evil/index.html').href, built, false],
    ['an encoded traversal out of the folder', `${pathToFileURL(rendererDir).href}/..%2F..%2Findex.html`, built, false],
    ['a file URL on a remote host', 'file://evil.example/opt/cnp/out/renderer/index.html', built, false],
    ['a web page', 'https://example.com/', built, false],
    ['the dev server when not in dev mode', 'http://localhost:5173/', built, false],
    ['the dev server in dev mode', 'http://localhost:5173/#/jobs', dev, true],
    ['another port in dev mode', 'http://localhost:5174/', dev, false],
    ['about:blank', 'about:blank', dev, false],
    ['garbage', 'not a url', dev, false],
    ['a data URL', 'data:text/html,<script>1</script>', dev, false],
  ])('%s', (_name, url, origin, expected) => {
    expect(isOwnRendererUrl(url, origin, 'linux')).toBe(expected);
  });

  it('never trusts a dev server URL that is not on loopback', () => {
    const remote = { rendererDir, devServerUrl: 'http://evil.example:5173/' };
    expect(isOwnRendererUrl('http://evil.example:5173/', remote, 'linux')).toBe(false);
  });
});

describe('externalLinkTarget', () => {
  it.each([
    ['https://docs.anthropic.com/claude-code', 'https://docs.anthropic.com/claude-code'],
    ['http://example.com/a?b=c', 'http://example.com/a?b=c'],
    ['file:///etc/passwd', null],
    ['javascript:alert(1)', null],
    ['smb://share/x', null],
    ['https://user:pw@example.com/', null],
    ['nonsense', null],
  ])('%s → %s', (url, expected) => {
    expect(externalLinkTarget(url)).toBe(expected);
  });
});
