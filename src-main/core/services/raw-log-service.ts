import fs from 'node:fs';
import { AppError, notFound } from '../../../src-shared/errors';
import type { Store } from '../db/store';
import { rawLogFile } from '../raw-log/paths';
import type { CoreContext } from './context';

/** A run's full log file, as the faces hand it out (HTTP download, `cnp runs logs --raw`, desktop save). */
export interface RawLogLocation {
  runId: number;
  file: string;
  /** Its size now (a running run's file still grows). */
  bytes: number;
  complete: boolean;
  /** The name offered for the download. */
  fileName: string;
}

/**
 * Where a run's full log is, or NOT_FOUND with the reason in words: the run does not exist, or it
 * has no full log (it ran while full logs were off, has not started yet, or its file is gone).
 */
export function locateRawLog(store: Store, runId: number): RawLogLocation {
  const run = store.runs.view(runId);
  if (!run) throw notFound('Run', runId);
  const file = rawLogFile(store.path, runId);
  let bytes: number | null = null;
  if (file !== null && run.rawLogBytes !== null) {
    try {
      bytes = fs.statSync(file).size;
    } catch {
      bytes = null;
    }
  }
  if (file === null || bytes === null) {
    const why = run.rawLogBytes === null ? (run.startedAt === null && run.finishedAt === null ? 'it has not run yet' : 'it ran while full logs were turned off') : 'its file was removed';
    throw new AppError('NOT_FOUND', `Run ${runId} has no full log: ${why}. Its kept lines are in the run's log.`, { details: { runId, reason: 'no_full_log' } });
  }
  return { runId, file, bytes, complete: run.rawLogComplete, fileName: `run-${runId}-full.log` };
}

/** Asks the person where to save a file; the desktop shell provides it (a save dialog). */
export interface FileSaver {
  /** The chosen path, or null when the person cancelled. */
  chooseSavePath(defaultName: string): Promise<string | null>;
}

/**
 * `runs.saveRawLog`: the desktop app saves a full log where the person chooses. Other hosts have no
 * dialog to ask with, and say where the log is to be had instead.
 */
export async function saveRawLog(ctx: CoreContext, runId: number): Promise<{ saved: boolean; path: string | null; bytes: number }> {
  const where = locateRawLog(ctx.store, runId);
  if (!ctx.fileSaver) {
    throw new AppError(
      'CONFLICT',
      `Saving to a file needs the desktop app. Download run ${runId}'s full log from GET /api/runs/${runId}/raw-log, or print it with \`cnp runs logs ${runId} --raw\`.`,
    );
  }
  const target = await ctx.fileSaver.chooseSavePath(where.fileName);
  if (target === null) return { saved: false, path: null, bytes: where.bytes };
  try {
    await fs.promises.copyFile(where.file, target);
  } catch (err) {
    throw new AppError('EXECUTION', `Could not save the full log to ${target}: ${(err as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
  }
  return { saved: true, path: target, bytes: fs.statSync(target).size };
}
