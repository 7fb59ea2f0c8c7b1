/**
 * Errors are values: every failure that crosses a boundary (IPC, HTTP, CLI) is an AppError with a
 * code from this closed union and a sentence the user can act on.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHORIZED',
  'ENGINE_UNAVAILABLE',
  'EXECUTION',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** The input field at fault, dotted (`schedule.cron`), for validation errors. */
  field?: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: { field?: string; details?: unknown } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (options.field !== undefined) this.field = options.field;
    if (options.details !== undefined) this.details = options.details;
  }

  toShape(): AppErrorShape {
    const shape: AppErrorShape = { code: this.code, message: this.message };
    if (this.field !== undefined) shape.field = this.field;
    if (this.details !== undefined) shape.details = this.details;
    return shape;
  }
}

export const validationError = (field: string, message: string) => new AppError('VALIDATION', message, { field });
export const notFound = (what: string, id: number | string) => new AppError('NOT_FOUND', `${what} ${id} does not exist`);

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(v.code);
}
