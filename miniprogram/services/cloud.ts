import type { ActionName, Contract, InputOf, OutputOf } from '../shared/contracts/action';
import type { AdminContract } from '../shared/contracts/admin';
import type { AutomationContract } from '../shared/contracts/automation';
import type { CareContract } from '../shared/contracts/care';
import type { CouponsContract } from '../shared/contracts/coupons';
import { ERROR_MESSAGES, type ActionResult, type ErrorCode } from '../shared/contracts/errors';
import type { MemberContract } from '../shared/contracts/member';
import { FUNCTIONS } from '../shared/contracts/pages';
import type { StaffContract } from '../shared/contracts/staff';
import type { StockContract } from '../shared/contracts/stock';

/**
 * The one way pages reach the server: every screen's data comes from a cloud function action, and
 * every failure arrives as an ActionFailure carrying the server's Chinese message.
 */

export type FunctionName = (typeof FUNCTIONS)[keyof typeof FUNCTIONS];

/** Server error codes plus the one the client adds when the request never got an answer. */
export type FailureCode = ErrorCode | 'NETWORK';

export const NETWORK_MESSAGE = '网络异常，请检查网络后重试';

export class ActionFailure extends Error {
  readonly code: FailureCode;
  readonly fields?: Record<string, string>;

  constructor(code: FailureCode, message: string, fields?: Record<string, string>) {
    super(message);
    // The mini-program compiler may down-level classes to ES5, where subclassing Error loses the
    // prototype and `instanceof ActionFailure` would be false.
    Object.setPrototypeOf(this, ActionFailure.prototype);
    this.name = 'ActionFailure';
    this.code = code;
    if (fields) this.fields = fields;
  }

  /** What to tell the user in one line: the first field's problem, else the message. */
  get headline(): string {
    return this.fields ? (Object.values(this.fields)[0] ?? this.message) : this.message;
  }
}

/** The request never got an answer: it may or may not have happened, so a retry must be the same request. */
export function isLostAnswer(error: unknown): boolean {
  return error instanceof ActionFailure && error.code === 'NETWORK';
}

/** Any thrown value as an ActionFailure, so pages show one kind of error text. */
export function toActionFailure(error: unknown): ActionFailure {
  if (error instanceof ActionFailure) return error;
  return new ActionFailure('INTERNAL', ERROR_MESSAGES.INTERNAL);
}

/** -504002: the function itself crashed or timed out. Any other rejection means no answer reached us. */
const FUNCTION_EXECUTION_FAILED = -504002;

function isActionResult(value: unknown): value is ActionResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as { ok?: unknown; error?: unknown };
  return result.ok === true || (result.ok === false && typeof result.error === 'object' && result.error !== null);
}

export async function callAction<C extends Contract, A extends ActionName<C>>(
  fn: FunctionName,
  action: A,
  payload: InputOf<C, A>,
): Promise<OutputOf<C, A>> {
  let response: { result?: unknown };
  try {
    response = await wx.cloud.callFunction({ name: fn, data: { action, payload } });
  } catch (error) {
    const errCode = (error as { errCode?: number } | null)?.errCode;
    if (errCode === FUNCTION_EXECUTION_FAILED) throw new ActionFailure('INTERNAL', ERROR_MESSAGES.INTERNAL);
    throw new ActionFailure('NETWORK', NETWORK_MESSAGE);
  }
  const result = response.result;
  if (!isActionResult(result)) throw new ActionFailure('INTERNAL', ERROR_MESSAGES.INTERNAL);
  if (!result.ok) {
    const { code, message, fields } = result.error;
    throw new ActionFailure(code, message || ERROR_MESSAGES[code] || ERROR_MESSAGES.INTERNAL, fields);
  }
  return result.data as OutputOf<C, A>;
}

export function callMember<A extends ActionName<MemberContract>>(action: A, payload: InputOf<MemberContract, A>) {
  return callAction<MemberContract, A>(FUNCTIONS.member, action, payload);
}

export function callStaff<A extends ActionName<StaffContract>>(action: A, payload: InputOf<StaffContract, A>) {
  return callAction<StaffContract, A>(FUNCTIONS.staff, action, payload);
}

export function callAdmin<A extends ActionName<AdminContract>>(action: A, payload: InputOf<AdminContract, A>) {
  return callAction<AdminContract, A>(FUNCTIONS.admin, action, payload);
}

export function callCoupons<A extends ActionName<CouponsContract>>(action: A, payload: InputOf<CouponsContract, A>) {
  return callAction<CouponsContract, A>(FUNCTIONS.coupons, action, payload);
}

export function callCare<A extends ActionName<CareContract>>(action: A, payload: InputOf<CareContract, A>) {
  return callAction<CareContract, A>(FUNCTIONS.care, action, payload);
}

export function callAutomation<A extends ActionName<AutomationContract>>(action: A, payload: InputOf<AutomationContract, A>) {
  return callAction<AutomationContract, A>(FUNCTIONS.automation, action, payload);
}

export function callStock<A extends ActionName<StockContract>>(action: A, payload: InputOf<StockContract, A>) {
  return callAction<StockContract, A>(FUNCTIONS.stock, action, payload);
}
