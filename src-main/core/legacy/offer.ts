import fs from 'node:fs';
import os from 'node:os';
import type { LegacyCandidate } from '../../../src-shared/files-types';
import type { CoreContext } from '../services/context';
import { legacyCandidatePaths } from './discover';
import { openLegacy } from './import';
import { LAYOUT_NAMES } from './layouts';
import { readLegacy } from './read';

const DISMISSED = 'legacy.dismissed';

function describe(ctx: CoreContext, file: string): LegacyCandidate | null {
  try {
    const db = openLegacy(file);
    try {
      const c = readLegacy(db);
      if (!c.layouts.length) return null;
      const imported = ctx.store.db.prepare('SELECT 1 FROM legacy_imports WHERE source_path = ? LIMIT 1').get(file) !== undefined;
      return { path: file, layouts: c.layouts.map((l) => LAYOUT_NAMES[l]), prompts: c.prompts.length, jobs: c.jobs.length, imported };
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/**
 * Old databases in the usual places that the app should offer to import: not imported from
 * before and not dismissed by the user. The desktop app asks this on start and shows a banner.
 */
export function legacyOffer(ctx: CoreContext, io: { cwd?: string; home?: string; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform } = {}): { candidates: LegacyCandidate[] } {
  const paths = legacyCandidatePaths({
    platform: io.platform ?? process.platform,
    env: io.env ?? process.env,
    home: io.home ?? os.homedir(),
    cwd: io.cwd ?? process.cwd(),
    ownDbPath: ctx.store.path,
    listDir: (dir) => {
      try {
        return fs.readdirSync(dir);
      } catch {
        return [];
      }
    },
    isFile: (file) => {
      try {
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    },
  });
  const dismissed = new Set(ctx.store.state.get<string[]>(DISMISSED) ?? []);
  const candidates = paths
    .filter((p) => !dismissed.has(p))
    .map((p) => describe(ctx, p))
    .filter((c): c is LegacyCandidate => c !== null && !c.imported);
  return { candidates };
}

export function dismissLegacy(ctx: CoreContext, file: string): { dismissed: true } {
  const list = new Set(ctx.store.state.get<string[]>(DISMISSED) ?? []);
  list.add(file);
  ctx.store.state.set(DISMISSED, [...list]);
  return { dismissed: true };
}
