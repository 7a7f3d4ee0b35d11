import { z } from 'zod';
import { action } from './action';
import { cursor, dateOnly, id, plainText, reason, requestId } from './fields';
import type { CouponCodeView, CouponOfferView, CouponTemplateView, CouponView, TemplateStatsView, WalletView } from './views';

/** The `coupons` function: the shopper's wallet, claim centre and points exchange; managers' templates and 补发. */

const fen = (label: string) => z.number(`请填写${label}`).int(`${label}须为整数（分）`).min(0, `${label}不能为负`).max(100_000_000, `${label}过大`);
const count = (label: string) => z.number(`请填写${label}`).int(`${label}须为整数`).min(1, `${label}至少为1`).max(10_000_000, `${label}过大`).nullable();

const rule = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('cash'), thresholdFen: fen('门槛'), amountOffFen: fen('减免金额') }),
    z.object({ kind: z.literal('discount'), thresholdFen: fen('门槛'), rate: z.number('请填写折扣').int('折扣须为整数').min(1, '折扣须为1–99').max(99, '折扣须为1–99'), capFen: fen('最高优惠').nullable() }),
    z.object({ kind: z.literal('gift'), thresholdFen: fen('门槛'), giftName: plainText(20, '礼品名称').pipe(z.string().min(1, '请填写礼品名称')) }),
    z.object({ kind: z.literal('random'), thresholdFen: fen('门槛'), minOffFen: fen('最低减免'), maxOffFen: fen('最高减免') }),
  ],
  '请选择券的类型',
);

const validity = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('fixed'), fromDay: dateOnly, untilDay: dateOnly }),
    z.object({ type: z.literal('days'), days: z.number('请填写有效天数').int('有效天数须为整数').min(1, '有效天数至少1天').max(366, '有效天数最多366天'), startsNextDay: z.boolean() }),
  ],
  '请选择有效期',
);

export const templateTerms = z.object({
  name: plainText(20, '券名称').pipe(z.string().min(1, '请填写券名称')),
  description: plainText(60, '说明').default(''),
  rule,
  validity,
  storeIds: z.array(id).max(50, '门店最多50个').default([]),
  tierIds: z.array(id).max(10, '等级最多10个').default([]),
  limits: z.object({ totalStock: count('总库存'), perMember: count('每人限领'), perMemberMonthly: count('每月限领') }),
  stackable: z.boolean().default(false),
  claimable: z.boolean().default(false),
  pointsCost: z.number('请填写兑换积分').int('兑换积分须为整数').min(1, '兑换积分至少为1').max(10_000_000, '兑换积分过大').nullable().default(null),
});


export const couponsContract = {
  /** The shopper's coupons: 可用 / 已使用 / 已过期, with counts, newest first (可用: soonest to expire first). */
  wallet: action(z.object({ tab: z.enum(['unused', 'used', 'expired'], '请选择分类').default('unused'), cursor }).default({ tab: 'unused' })).returns<WalletView>(),

  /** One of the caller's coupons with its rotating code for the clerk to scan. */
  couponCode: action(z.object({ couponId: id })).returns<CouponCodeView>(),

  /** Templates a member may claim now (领券中心), each with whether and why not. */
  claimCenter: action(z.object({}).default({})).returns<{ offers: CouponOfferView[] }>(),

  /** Claims one coupon; idempotent by the client's request id (a new request within the member's limit is another coupon). */
  claim: action(z.object({ templateId: id, requestId })).returns<{ coupon: CouponView }>(),

  /** Coupons to exchange for points, with the caller's balance. */
  exchangeList: action(z.object({}).default({})).returns<{ pointsBalance: number; offers: CouponOfferView[] }>(),

  /** Points → coupon in one step; idempotent by the client's request id (a retry answers the same coupon). */
  exchange: action(z.object({ templateId: id, requestId })).returns<{ coupon: CouponView; pointsBalance: number }>(),

  /** Managers (their store's and the brand's) and admins (all): templates with their figures. */
  templates: action(z.object({ status: z.enum(['draft', 'active', 'paused', 'ended']).optional() }).default({})).returns<{ templates: CouponTemplateView[] }>(),

  /** Creates a template (draft), or edits one still in draft. */
  saveTemplate: action(templateTerms.extend({ templateId: id.optional(), ownerStoreId: id.nullable().optional() })).returns<CouponTemplateView>(),

  setTemplateStatus: action(z.object({ templateId: id, status: z.enum(['active', 'paused', 'ended'], '状态无效') })).returns<CouponTemplateView>(),

  addStock: action(z.object({ templateId: id, units: z.number('请填写数量').int('数量须为整数').min(1, '数量至少为1').max(1_000_000, '数量过大') })).returns<CouponTemplateView>(),

  /** Granted, used, redemption rate and attributed sales, in all and per store. */
  templateStats: action(z.object({ templateId: id })).returns<TemplateStatsView>(),

  /** A manager gives one member a coupon (补发) with a reason; idempotent by request id. */
  grant: action(z.object({ memberId: id, templateId: id, reason: reason.pipe(z.string().min(1, '请填写补发原因')), requestId })).returns<{ coupon: CouponView }>(),
};

export type CouponsContract = typeof couponsContract;
