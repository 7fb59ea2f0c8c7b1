import { AppError, ERROR_CODES, type ErrorCode } from '../../src-shared/errors';

/**
 * Errors that crossed Electron's contextBridge lose their class, so an AppError is recognised by
 * shape; anything else (a dropped connection, a bug) still reaches the UI as a readable AppError.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; message?: unknown; field?: unknown; details?: unknown };
    const message = typeof e.message === 'string' && e.message !== '' ? e.message : 'Something went wrong';
    const code: ErrorCode = (ERROR_CODES as readonly unknown[]).includes(e.code) ? (e.code as ErrorCode) : 'INTERNAL';
    return new AppError(code, message, {
      ...(typeof e.field === 'string' ? { field: e.field } : {}),
      ...(e.details !== undefined ? { details: e.details } : {}),
    });
  }
  return new AppError('INTERNAL', typeof error === 'string' ? error : 'Something went wrong');
}

/** Update inputs are `{ id, patch }`, so zod names fields `patch.name`; the form knows them as `name`. */
export function formFieldOf(error: AppError): string | null {
  if (!error.field) return null;
  return error.field.replace(/^patch\./, '');
}
