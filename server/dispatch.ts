import { z } from 'zod';
import type { ActionName, Contract, OutputOf, ParsedInputOf } from '../shared/contracts/action';
import { ERROR_MESSAGES, type ActionResult } from '../shared/contracts/errors';
import { caller } from './cloud';
import { isAppError } from './errors';
import { installChineseMessages } from './zod-messages';

installChineseMessages();

/** What every handler gets besides its input: who is calling (from the cloud) and one "now". */
export interface RequestContext {
  openid: string;
  now: Date;
}

export type Handlers<C extends Contract> = {
  [A in ActionName<C>]: (input: ParsedInputOf<C, A>, ctx: RequestContext) => Promise<OutputOf<C, A>>;
};

const envelope = z.object({ action: z.string().min(1), payload: z.unknown().optional() });

/**
 * Builds a function's `main`: `{action, payload}` in, `ActionResult` out. Input is checked against the
 * action's schema before any handler runs; business failures come back as `{ok: false}` with a code and
 * the Chinese message for the UI; anything unexpected is logged and answered as INTERNAL.
 */
export function createMain<C extends Contract>(contract: C, handlers: Handlers<C>) {
  return async (event: unknown): Promise<ActionResult<unknown>> => {
    const request = envelope.safeParse(event);
    if (!request.success) return failure('INVALID_INPUT');
    const name = request.data.action as ActionName<C>;
    const spec = Object.prototype.hasOwnProperty.call(contract, name) ? contract[name] : undefined;
    if (!spec) return failure('UNKNOWN_ACTION');
    const input = spec.input.safeParse(request.data.payload ?? {});
    if (!input.success) return failure('INVALID_INPUT', fieldErrors(input.error));
    try {
      const data = await handlers[name](input.data as never, { openid: caller().openid, now: new Date() });
      return { ok: true, data };
    } catch (error) {
      if (isAppError(error)) return failure(error.code, error.fields);
      console.error(`action ${name} failed`, error);
      return failure('INTERNAL');
    }
  };
}

function failure(code: keyof typeof ERROR_MESSAGES, fields?: Record<string, string>): ActionResult<never> {
  return { ok: false, error: { code, message: ERROR_MESSAGES[code], ...(fields ? { fields } : {}) } };
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}
