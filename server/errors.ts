import { ERROR_MESSAGES, type ErrorCode } from '../shared/contracts/errors';

/** A failure the user can cause or fix; the dispatcher turns it into `{ok: false, error}`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fields?: Record<string, string>,
  ) {
    super(ERROR_MESSAGES[code]);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError || (typeof error === 'object' && error !== null && (error as { name?: string }).name === 'AppError');
}

/**
 * CloudBase's "document does not exist": wx-server-sdk throws for a missing doc().get(), inside
 * transactions too, with only the message to tell it apart.
 */
export function isNotFound(error: unknown): boolean {
  return /does not exist|not exist/i.test((error as Error)?.message ?? '');
}

/** A unique index refused the write (Mongo's E11000 through CloudBase). */
export function isDuplicateKey(error: unknown): boolean {
  return /E11000|duplicate key/i.test((error as Error)?.message ?? '');
}

/**
 * A transaction conflict. Found at commit it keeps its code; found by an operation inside the
 * callback, wx-server-sdk reports it as errCode -501001 with only the text.
 */
export function isTransactionConflict(error: unknown): boolean {
  const err = error as { code?: string; message?: string };
  return err?.code === 'DATABASE_TRANSACTION_CONFLICT' || /Transaction is conflicting|WriteConflict|TRANSACTION_CONFLICT/i.test(err?.message ?? '');
}
