import { z } from 'zod';
import { action } from './action';
import { birthday, gender, personName, phoneNumber, requestId } from './fields';
import { MESSAGE_TEMPLATE_KEYS } from '../rules/message-templates';
import { REFERRAL_CODE } from '../rules/referral';
import type { SubscriptionView } from './automation-views';
import { CLOSE_CONFIRMATION } from '../rules/my-data';
import type { CardView, ClosedMembershipView, DataExportView, JoinView, MemberCodeView, MyDataView, PointsHistoryView, ReferralView } from './views';

/** The `member` cloud function: what a shopper does. Identity is the caller's OPENID. */
export const memberContract = {
  /** Join from a counter code (or from the app without a code: the default store). */
  join: action(
    z.object({
      /** The `scene` of the counter mini-program code, as decoded from the page options. */
      scene: z.string().max(32).optional(),
      /**
       * Agreement to the privacy guide. Checked against the brand's current version by the action, so
       * a missing, declined, stale or malformed consent all answer CONSENT_REQUIRED.
       */
      consent: z
        .object({ version: z.string().max(20).optional(), agreed: z.boolean().optional() })
        .optional()
        .catch(undefined),
      phone: z.union([
        z.object({ code: z.string().min(1).max(128) }),
        z.object({ number: phoneNumber }),
      ]),
      profile: z
        .object({ name: personName.optional(), gender: gender.optional(), birthday: birthday.optional() })
        .default({}),
      /** A friend's share code (老带新), from the shared page's query; a malformed one is ignored. */
      referral: z.string().regex(REFERRAL_CODE).optional().catch(undefined),
    }),
  ).returns<JoinView>(),

  /** 老带新: the caller's share code (made on first ask) and the friends who joined with it. */
  referral: action(z.object({}).default({})).returns<ReferralView>(),

  card: action(z.object({}).default({})).returns<CardView>(),

  memberCode: action(z.object({}).default({})).returns<MemberCodeView>(),

  pointsHistory: action(
    z
      .object({
        cursor: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(50).default(20),
      })
      .default({ limit: 20 }),
  ).returns<PointsHistoryView>(),

  /**
   * What the shopper chose in a wx.requestSubscribeMessage prompt: each accepted template allows one
   * message more. Idempotent by request id (a retried report counts once).
   */
  subscribe: action(
    z.object({
      requestId,
      accepted: z.array(z.enum(MESSAGE_TEMPLATE_KEYS, '未知的消息模板')).max(3, '一次最多订阅3个模板'),
      rejected: z.array(z.enum(MESSAGE_TEMPLATE_KEYS, '未知的消息模板')).max(3, '一次最多订阅3个模板').default([]),
    }),
  ).returns<{ subscriptions: SubscriptionView[] }>(),

  updateProfile: action(
    z.object({ name: personName.optional(), gender: gender.optional(), birthday: birthday.optional() }),
  ).returns<CardView>(),

  /** 我的数据: profile, what the brand keeps (counts and readable lines), what closing would do. */
  myData: action(z.object({}).default({})).returns<MyDataView>(),

  /**
   * Writes everything held on the caller to a JSON file in cloud storage and answers a temporary link
   * (an hour). One file per request id: a retry answers the same file. Audited.
   */
  exportData: action(z.object({ requestId })).returns<DataExportView>(),

  /**
   * Closes the caller's membership: personal data erased, points forfeited, unused coupons revoked,
   * open tasks closed; purchases and ledgers stay without identity; the OPENID and phone may join again
   * as a new member. Idempotent by request id. Audited.
   */
  closeMembership: action(
    z.object({ requestId, confirmation: z.literal(CLOSE_CONFIRMATION, `请输入“${CLOSE_CONFIRMATION}”确认`) }),
  ).returns<ClosedMembershipView>(),
};


export type MemberContract = typeof memberContract;
