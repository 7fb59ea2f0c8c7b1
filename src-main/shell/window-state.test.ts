import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWindowState, parseWindowState, placeWindow, saveWindowState, type DisplayArea } from './window-state';

const laptop: DisplayArea = { x: 0, y: 0, width: 1440, height: 875 };
const external: DisplayArea = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it.each([
    ['a full state', '{"x":10,"y":20,"width":1000,"height":700,"maximized":true}', { x: 10, y: 20, width: 1000, height: 700, maximized: true }],
    ['a state without position', '{"width":1000,"height":700}', { width: 1000, height: 700, maximized: false }],
    ['half a position (dropped)', '{"x":10,"width":1000,"height":700}', { width: 1000, height: 700, maximized: false }],
    ['broken JSON', '{"x":10,', null],
    ['a zero size', '{"width":0,"height":700}', null],
    ['fractional pixels', '{"width":1000.5,"height":700}', null],
    ['an absurd coordinate', '{"x":1e9,"y":0,"width":1000,"height":700}', null],
    ['not an object', '[1,2]', null],
  ])('%s', (_name, text, expected) => {
    expect(parseWindowState(text)).toEqual(expected);
  });
});

describe('placeWindow', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual({ width: 1280, height: 820, maximized: false });
  });

  it('restores a window that is on a display', () => {
    expect(placeWindow({ x: 1600, y: 100, width: 1200, height: 900, maximized: false }, [laptop, external])).toEqual({
      x: 1600,
      y: 100,
      width: 1200,
      height: 900,
      maximized: false,
    });
  });

  it('recentres a window whose monitor was unplugged', () => {
    expect(placeWindow({ x: 1600, y: 100, width: 1200, height: 900, maximized: true }, [laptop])).toEqual({
      width: 1200,
      height: 875,
      maximized: true,
    });
  });

  it('pulls a window hanging off the edge back onto its display', () => {
    expect(placeWindow({ x: 900, y: 500, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({
      x: 440,
      y: 175,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('shrinks a window larger than its display, but never below the minimum size', () => {
    expect(placeWindow({ x: 0, y: 0, width: 3000, height: 2000, maximized: false }, [laptop])).toMatchObject({ width: 1440, height: 875 });
    expect(placeWindow({ x: 0, y: 0, width: 200, height: 100, maximized: false }, [laptop])).toMatchObject({ width: 880, height: 560 });
  });

  it('copes with no displays reported at all', () => {
    expect(placeWindow({ x: 10, y: 10, width: 1000, height: 700, maximized: false }, [])).toEqual({ width: 1000, height: 700, maximized: false });
  });
});

describe('loadWindowState / saveWindowState', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips through the file and reads a missing or damaged file as nothing saved', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-window-'));
    const file = path.join(dir, 'nested', 'window-state.json');
    expect(loadWindowState(file)).toBeNull();
    saveWindowState(file, { x: 5, y: 6, width: 1000, height: 700, maximized: false });
    expect(loadWindowState(file)).toEqual({ x: 5, y: 6, width: 1000, height: 700, maximized: false });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
    fs.writeFileSync(file, 'garbage');
    expect(loadWindowState(file)).toBeNull();
  });
});
