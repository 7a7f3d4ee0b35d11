/**
 * subscribeMessage.send: checked as WeChat checks it, then either failed (an error injected with
 * Outbox.failNext, or 43101 when the outbox was told this user refuses) or stored in the outbox before
 * answering, so an acknowledged message is never lost. Whatever comes of a send that passed the checks is
 * logged as an attempt, so tests can count a sender's retries.
 *
 * Unlike WeChat, a user accepts every template until told otherwise: the local cloud cannot see the
 * subscription prompt, and tests make refusal explicit with Outbox.refuse.
 */
import { randomInt } from 'node:crypto';
import type { OutboxMessage } from '../types';
import type { HandlerContext, OpenApiHandler } from './handler';
import { isAppPage, pagePath } from './pages';
import type { OpenApiResponse } from './protocol';
import { ERR, TRANSIENT_ERRORS, wxError, wxOk } from './reply';
import { checkTemplateData } from './template-data';

const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];

export const sendSubscribeMessage: OpenApiHandler = (params, ctx) => {
  const { touser, template_id: templateId, page, data, miniprogram_state: state, lang } = params;
  if (typeof touser !== 'string' || touser === '') return wxError(ctx.clock, ERR.INVALID_OPENID, 'invalid openid');
  if (typeof templateId !== 'string' || templateId === '') {
    return wxError(ctx.clock, ERR.INVALID_TEMPLATE_ID, 'invalid template_id');
  }
  if (page !== undefined && (typeof page !== 'string' || !isAppPage(pagePath(page), ctx.appPages))) {
    return wxError(ctx.clock, ERR.INVALID_PAGE, 'invalid page');
  }
  if (state !== undefined && !MINIPROGRAM_STATES.includes(state as string)) {
    return wxError(ctx.clock, ERR.ARGUMENT_INVALID, `argument invalid! miniprogram_state invalid (local cloud: one of ${MINIPROGRAM_STATES.join(', ')})`);
  }
  if (lang !== undefined && !LANGS.includes(lang as string)) {
    return wxError(ctx.clock, ERR.ARGUMENT_INVALID, `argument invalid! lang invalid (local cloud: one of ${LANGS.join(', ')})`);
  }
  const checked = checkTemplateData(data);
  if (!checked.ok) return wxError(ctx.clock, ERR.ARGUMENT_INVALID, checked.errmsg);

  const injected = ctx.outbox.takeFailure(touser);
  if (injected !== undefined) return failAttempt(ctx, touser, templateId, injected, TRANSIENT_ERRORS[injected] ?? 'system error');
  if (ctx.outbox.isRefused(touser, templateId)) {
    return failAttempt(ctx, touser, templateId, ERR.USER_REFUSED, 'user refuse to accept the msg');
  }

  const msgid = newMsgid(ctx.clock.now().getTime(), (id) => ctx.outbox.hasId(id));
  const message: OutboxMessage = {
    id: String(msgid),
    touser,
    templateId,
    data: checked.data,
    sentAt: ctx.clock.now().toISOString(),
  };
  if (page !== undefined) message.page = page as string;
  if (state !== undefined) message.miniprogramState = state as string;
  if (lang !== undefined) message.lang = lang as string;
  if (ctx.invocation) message.functionName = ctx.invocation.functionName;
  ctx.outbox.record(message);
  ctx.outbox.recordAttempt({ touser, templateId, at: message.sentAt, errcode: 0, msgid: message.id });
  return wxOk({ msgid });
};

/** Logged before answering, like a sent message, so no failure the caller saw is missing from the attempts. */
function failAttempt(ctx: HandlerContext, touser: string, templateId: string, errcode: number, errmsg: string): OpenApiResponse {
  ctx.outbox.recordAttempt({ touser, templateId, at: ctx.clock.now().toISOString(), errcode });
  return wxError(ctx.clock, errcode, errmsg);
}

/**
 * WeChat's msgid is a 19-digit 64-bit integer (e.g. 3564882607550627844). Answering one of the same size
 * matters: the SDK parses replies with json-bigint, and what the function receives in production is not a
 * number but the internals of a bignumber.js value (`{s, e, c}`) — local code must meet the same thing.
 * Milliseconds shifted left 20 bits plus random low bits: unique in practice and sorted by send time.
 */
function newMsgid(nowMs: number, taken: (id: string) => boolean): bigint {
  let msgid = (BigInt(nowMs) << 20n) | BigInt(randomInt(1 << 20));
  while (taken(String(msgid))) msgid++;
  return msgid;
}
