import { ERROR_MESSAGES, type ActionResult } from '../shared/contracts/errors';
import { caller } from './cloud';

/**
 * Whether this invocation came from the function's timer trigger. CloudBase hands a timer run
 * `{Type: 'Timer'}` (Tencent's SCF spells it 'timer') and no user; a mini-program call always carries
 * the caller's OPENID — and may put anything it likes in the event — so the OPENID decides.
 */
export function isTimerInvocation(event: unknown): boolean {
  const type = (event as { Type?: unknown } | null)?.Type;
  return typeof type === 'string' && type.toLowerCase() === 'timer' && caller().openid === '';
}

/** A timer-only function's `main`: anything but its trigger is refused before any work is done. */
export function timerOnly<R>(run: (event: { TriggerName?: string; Time?: string }) => Promise<R>) {
  return async (event: unknown): Promise<R | ActionResult<never>> => {
    if (!isTimerInvocation(event)) {
      console.warn('refused: this function runs only from its timer trigger');
      return { ok: false, error: { code: 'FORBIDDEN', message: ERROR_MESSAGES.FORBIDDEN } };
    }
    return run(event as { TriggerName?: string; Time?: string });
  };
}
