import { describe, expect, it } from 'vitest';
import { HIDDEN_ARG, startsHidden } from './login-launch';

describe('startsHidden', () => {
  const never = (): boolean => false;
  const always = (): boolean => true;
  it.each([
    ['Linux autostart entry passes --hidden', { argv: ['/opt/cnp/cnp', HIDDEN_ARG], platform: 'linux', wasOpenedAtLogin: never }, true],
    ['Windows run key passes --hidden', { argv: ['C:\\cnp.exe', HIDDEN_ARG], platform: 'win32', wasOpenedAtLogin: never }, true],
    ['a normal Linux start', { argv: ['/opt/cnp/cnp'], platform: 'linux', wasOpenedAtLogin: never }, false],
    ['macOS login item (no arguments, the launch event says so)', { argv: ['/Applications/x'], platform: 'darwin', wasOpenedAtLogin: always }, true],
    ['macOS opened by the user', { argv: ['/Applications/x'], platform: 'darwin', wasOpenedAtLogin: never }, false],
    ['wasOpenedAtLogin means nothing elsewhere', { argv: ['/opt/cnp/cnp'], platform: 'linux', wasOpenedAtLogin: always }, false],
  ] as const)('%s', (_name, input, expected) => {
    expect(startsHidden(input)).toBe(expected);
  });
});
