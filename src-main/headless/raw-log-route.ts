import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { AppError, type ErrorCode } from '../../src-shared/errors';
import type { RawLogLocation } from '../core/services/raw-log-service';

/** `GET /api/runs/:id/raw-log`: a run's full log as a file download. */
export const RAW_LOG_ROUTE = /^\/api\/runs\/([^/]*)\/raw-log$/;

type Refuse = (status: number, code: ErrorCode, message: string) => void;

const STATUS: Record<ErrorCode, number> = { VALIDATION: 400, UNAUTHORIZED: 401, NOT_FOUND: 404, CONFLICT: 409, EXECUTION: 422, ENGINE_UNAVAILABLE: 503, INTERNAL: 500 };

/**
 * Streams the file (never read whole: it may be hundreds of MB) with the size it had when opened,
 * so a run still writing it gives a consistent download. The caller has checked the token.
 */
export async function sendRawLog(
  req: IncomingMessage,
  res: ServerResponse,
  idText: string,
  locate: ((runId: number) => RawLogLocation) | undefined,
  baseHeaders: Record<string, string>,
  refuse: Refuse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return refuse(405, 'VALIDATION', 'Only GET and HEAD are served here');
  }
  if (!/^[1-9]\d{0,15}$/.test(idText)) return refuse(400, 'VALIDATION', `"${decodeSafe(idText)}" is not a run id: use a whole number, as in /api/runs/42/raw-log`);
  const runId = Number(idText);
  if (!locate) return refuse(404, 'NOT_FOUND', 'Full logs are not served by this server');
  let where: RawLogLocation;
  let handle: fs.promises.FileHandle;
  try {
    where = locate(runId);
    handle = await fs.promises.open(where.file, 'r');
  } catch (err) {
    if (err instanceof AppError) return refuse(STATUS[err.code], err.code, err.message);
    return refuse(404, 'NOT_FOUND', `Run ${runId} has no full log: its file was removed.`);
  }
  const size = (await handle.stat()).size;
  res.writeHead(200, {
    ...baseHeaders,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': size,
    'Content-Disposition': `attachment; filename="${where.fileName}"`,
    'Cache-Control': 'no-store',
    // Whether every line the run printed is in it (false while it runs, or when the cap cut it).
    'X-Full-Log-Complete': String(where.complete),
  });
  if (req.method === 'HEAD' || size === 0) {
    await handle.close();
    res.end();
    return;
  }
  // pipeline closes the file when the client goes away halfway, too.
  pipeline(handle.createReadStream({ start: 0, end: size - 1 }), res, () => undefined);
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
