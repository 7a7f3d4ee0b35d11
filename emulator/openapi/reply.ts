/**
 * Building blocks for openapi answers, shaped as WeChat's servers shape them so the SDK treats them alike:
 * JSON bodies carry `errcode`/`errmsg` (the SDK throws on a non-zero errcode), error messages end with a
 * ` rid: xxxxxxxx-xxxxxxxx-xxxxxxxx` request id as WeChat's do (callers sometimes log or match it).
 */
import { randomBytes } from 'node:crypto';
import type { ClockLike } from '../types';
import type { OpenApiResponse } from './protocol';

/** WeChat answers JSON with this content type; the SDK only checks for `application/json` or `text/plain`. */
export const JSON_CONTENT_TYPE = 'application/json; encoding=utf-8';

export function rid(clock: ClockLike): string {
  const seconds = Math.floor(clock.now().getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `${seconds}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

/** Bigints are written as bare JSON integers, as WeChat writes its 64-bit ids (e.g. msgid). */
export function jsonReply(body: Record<string, unknown>): OpenApiResponse {
  const marker = '\u0000bigint:';
  const text = JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? `${marker}${value}` : value))
    .replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
  return { respData: Buffer.from(text), contentType: JSON_CONTENT_TYPE };
}

export function wxError(clock: ClockLike, errcode: number, errmsg: string): OpenApiResponse {
  return jsonReply({ errcode, errmsg: `${errmsg} rid: ${rid(clock)}` });
}

export function wxOk(body: Record<string, unknown> = {}): OpenApiResponse {
  return jsonReply({ errcode: 0, errmsg: 'ok', ...body });
}

export function binaryReply(contentType: string, data: Buffer): OpenApiResponse {
  return { respData: data, contentType };
}

/**
 * WeChat error codes the local cloud answers with, in one place so README, code and tests agree.
 * The negative ones are CloudBase's own (from wx-server-sdk's ERR_CODE table).
 */
export const ERR = {
  /** Function's config.json lacks the API in permissions.openapi (sent as CommOpenApiResp.errorCode). */
  NO_PERMISSION: -604101,
  /** CloudBase's "API not found"; used, with a JSON errmsg, for APIs the local cloud does not emulate. */
  API_NOT_FOUND: -604100,
  INVALID_OPENID: 40003,
  INVALID_CODE: 40029,
  INVALID_TEMPLATE_ID: 40037,
  INVALID_ARGS: 40097,
  INVALID_SCENE: 40129,
  INVALID_SCENE_LENGTH: 40169,
  INVALID_PAGE: 41030,
  USER_REFUSED: 43101,
  ARGUMENT_INVALID: 47003,
  /** WeChat's own "busy" answer despite the sign (not a CloudBase code): a repeat may well succeed. */
  SYSTEM_ERROR: -1,
  DAILY_QUOTA: 45009,
} as const;

/**
 * The failures Outbox.failNext can inject, with WeChat's errmsg for each: ones a careful sender retries
 * or postpones. Others are left out, since a made-up errmsg would teach code to match the wrong text.
 */
export const TRANSIENT_ERRORS: Readonly<Record<number, string>> = {
  [ERR.SYSTEM_ERROR]: 'system error',
  [ERR.DAILY_QUOTA]: 'reach max api daily quota limit',
};
