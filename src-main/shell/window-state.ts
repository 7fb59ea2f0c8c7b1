import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE } from './window-options';

/** The main window's size and place, kept between launches in a small JSON file in the app-data folder. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** A display's work area (Electron's `display.workArea`), passed in as data. */
export interface DisplayArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const WINDOW_STATE_FILE = 'window-state.json';

const Coordinate = z.number().int().min(-100_000).max(100_000);
const Size = z.number().int().min(1).max(100_000);
const WindowStateFile = z.object({
  x: Coordinate.optional(),
  y: Coordinate.optional(),
  width: Size,
  height: Size,
  maximized: z.boolean().default(false),
});

/** A file from an older version, a crash mid-write or a hand edit is ignored, never trusted. */
export function parseWindowState(text: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = WindowStateFile.safeParse(raw);
  if (!parsed.success) return null;
  const { x, y, width, height, maximized } = parsed.data;
  return { ...(x !== undefined && y !== undefined ? { x, y } : {}), width, height, maximized };
}

export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a file behind. */
export function saveWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(state)}\n`);
  fs.renameSync(tmp, file);
}

function overlapArea(a: DisplayArea, b: { x: number; y: number; width: number; height: number }): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/**
 * Where to open the window given what was saved and the displays attached now. A monitor that was
 * unplugged (or a resolution that shrank) must not leave the window off-screen: unless at least a
 * quarter of it lands on a display, the position is dropped and the OS centres it.
 */
export function placeWindow(saved: WindowState | null, displays: DisplayArea[]): WindowState {
  const primary = displays[0];
  const fitSize = (w: number, h: number, area: DisplayArea | undefined) => ({
    width: area ? clamp(w, MIN_WINDOW_SIZE.width, area.width) : Math.max(w, MIN_WINDOW_SIZE.width),
    height: area ? clamp(h, MIN_WINDOW_SIZE.height, area.height) : Math.max(h, MIN_WINDOW_SIZE.height),
  });
  if (saved === null) return { ...fitSize(DEFAULT_WINDOW_SIZE.width, DEFAULT_WINDOW_SIZE.height, primary), maximized: false };
  if (saved.x === undefined || saved.y === undefined) return { ...fitSize(saved.width, saved.height, primary), maximized: saved.maximized };

  const rect = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
  let best: DisplayArea | undefined;
  let bestArea = 0;
  for (const d of displays) {
    const area = overlapArea(d, rect);
    if (area > bestArea) {
      best = d;
      bestArea = area;
    }
  }
  if (best === undefined || bestArea < (rect.width * rect.height) / 4) {
    return { ...fitSize(saved.width, saved.height, primary), maximized: saved.maximized };
  }
  const size = fitSize(saved.width, saved.height, best);
  return {
    x: clamp(saved.x, best.x, best.x + best.width - size.width),
    y: clamp(saved.y, best.y, best.y + best.height - size.height),
    ...size,
    maximized: saved.maximized,
  };
}
