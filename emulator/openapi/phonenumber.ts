/**
 * phonenumber.getPhoneNumber: WeChat trades the code from `<button open-type="getPhoneNumber">` for the
 * user's number. Locally there is no phone behind a code, so codes follow a documented test mapping:
 *
 *   phone:<5–20 digits>   that number, e.g. phone:13800138000 → 13800138000
 *   demo:member           13800138000   the demo's returning member
 *   demo:clerk            13900139000   the demo's shop clerk
 *   demo:newcomer         13700137000   a number no member has yet
 *   anything else         errcode 40029 "invalid code", as WeChat answers a wrong or expired code
 *
 * Numbers are mainland ones (country code 86). Codes are not single-use here, unlike WeChat's (5 minutes,
 * one exchange), so tests can repeat a call.
 */
import type { OpenApiHandler } from './handler';
import { ERR, wxError, wxOk } from './reply';

export const DEMO_PHONE_CODES: Readonly<Record<string, string>> = {
  'demo:member': '13800138000',
  'demo:clerk': '13900139000',
  'demo:newcomer': '13700137000',
};

export function phoneForCode(code: unknown): string | undefined {
  if (typeof code !== 'string') return undefined;
  const explicit = /^phone:(\d{5,20})$/.exec(code);
  if (explicit) return explicit[1];
  return Object.hasOwn(DEMO_PHONE_CODES, code) ? DEMO_PHONE_CODES[code] : undefined;
}

export const getPhoneNumber: OpenApiHandler = (params, ctx) => {
  const phone = phoneForCode(params.code);
  if (phone === undefined) return wxError(ctx.clock, ERR.INVALID_CODE, 'invalid code');
  return wxOk({
    phone_info: {
      phoneNumber: phone,
      purePhoneNumber: phone,
      countryCode: '86',
      watermark: { timestamp: Math.floor(ctx.clock.now().getTime() / 1000), appid: ctx.appid },
    },
  });
};
