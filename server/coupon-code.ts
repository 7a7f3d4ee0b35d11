import { AppError } from './errors';
import { issueToken, verifyToken } from './signed-token';

/** A coupon's rotating code: `C1.<couponId>.<expiry>.<signature>`, shown to the clerk like the member code. */
const PREFIX = 'C1';

export function issueCouponCode(couponId: string, now: Date, ttlSeconds: number) {
  return issueToken(PREFIX, couponId, now, ttlSeconds);
}

export async function verifyCouponCode(token: string, now: Date): Promise<string> {
  const verdict = await verifyToken(PREFIX, token, now);
  if (verdict === 'invalid') throw new AppError('COUPON_CODE_INVALID');
  if (verdict === 'expired') throw new AppError('COUPON_CODE_EXPIRED');
  return verdict.subject;
}
