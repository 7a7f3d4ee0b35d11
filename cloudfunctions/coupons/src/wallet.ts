import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { CouponsContract } from '../../../shared/contracts/coupons';
import type { CouponCodeView, CouponView, WalletView } from '../../../shared/contracts/views';
import { db, _, type Stored } from '../../../server/cloud';
import { couponView } from '../../../server/coupon-views';
import { storeDirectory } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type CouponDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { getById, requireMember } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { subscriptionViews } from '../../../server/subscriptions';
import { issueCouponCode } from '../../../server/coupon-code';

const SCAN = 100;
const PAGE = 20;
const WALLET_FIELDS = { history: false } as const;

/**
 * The wallet in two requests: the member, and their newest coupons (up to 100) — enough to count every
 * tab and show its first page. A tab's later pages read that tab alone, by a cursor. An unused coupon
 * past its end is shown expired even before the daily job marks it.
 */
export async function wallet(input: ParsedInputOf<CouponsContract, 'wallet'>, ctx: RequestContext): Promise<WalletView> {
  const [member, stores, settings] = await Promise.all([requireMember(ctx.openid), storeDirectory(), brandSettings()]);
  const subscriptions = subscriptionViews(member, settings);
  const name = (id: string) => stores.get(id)?.name ?? '';
  const view = (coupon: Stored<CouponDoc>) => couponView(coupon, name, ctx.now);
  if (input.cursor) {
    const page = await tabPage(member._id, input.tab, input.cursor, view);
    return { tab: input.tab, counts: null, coupons: page.coupons, nextCursor: page.nextCursor, subscriptions };
  }
  const { data } = await db.collection<CouponDoc>(C.coupons).where({ memberId: member._id }).field(WALLET_FIELDS).orderBy('grantedAt', 'desc').limit(SCAN).get();
  const views = data.filter((c) => c.status !== 'pending').map(view);
  const counts = { unused: 0, used: 0, expired: 0 };
  for (const coupon of views) if (coupon.status !== 'revoked') counts[coupon.status]++;
  const inTab = sortTab(views.filter((c) => c.status === input.tab), input.tab);
  const page = inTab.slice(0, PAGE);
  const truncated = data.length === SCAN;
  const more = inTab.length > PAGE || truncated;
  return { tab: input.tab, counts, coupons: page, nextCursor: more && page.length ? cursorAfter(page[page.length - 1], input.tab) : null, subscriptions };
}

function sortTab(coupons: CouponView[], tab: WalletView['tab']): CouponView[] {
  const time = (c: CouponView) => Date.parse(tab === 'used' ? (c.usedAt ?? c.validUntil) : c.validUntil);
  return [...coupons].sort((a, b) => (tab === 'unused' ? time(a) - time(b) : time(b) - time(a)) || (a.couponId < b.couponId ? -1 : 1));
}

function cursorAfter(coupon: CouponView, tab: WalletView['tab']): string {
  return `${Date.parse(tab === 'used' ? (coupon.usedAt ?? coupon.validUntil) : coupon.validUntil).toString(36)}.${coupon.couponId}`;
}

/** A tab past its first page: that tab's coupons in its order, from the one after the cursor. */
async function tabPage(memberId: string, tab: WalletView['tab'], cursor: string, view: (c: Stored<CouponDoc>) => CouponView) {
  if (!/^[0-9a-z]+\.[0-9A-Za-z_:-]+$/.test(cursor)) throw new AppError('INVALID_INPUT', { cursor: '分页参数无效' });
  // An expired coupon may still be 'unused' until the daily job runs: the views decide the tab.
  const statuses = tab === 'used' ? ['used'] : ['unused', 'expired'];
  const { data } = await db.collection<CouponDoc>(C.coupons).where({ memberId, status: _.in(statuses) }).field(WALLET_FIELDS).limit(1000).get();
  const ordered = sortTab(data.map(view).filter((c) => c.status === tab), tab);
  const from = ordered.findIndex((c) => cursorAfter(c, tab) === cursor) + 1;
  const coupons = ordered.slice(from, from + PAGE);
  const last = coupons[coupons.length - 1];
  return { coupons, nextCursor: last && ordered.length > from + PAGE ? cursorAfter(last, tab) : null };
}

/** One of the caller's own coupons with a rotating code (C1 token) the clerk scans; nobody else's. */
export async function couponCode(input: ParsedInputOf<CouponsContract, 'couponCode'>, ctx: RequestContext): Promise<CouponCodeView> {
  const [member, coupon, settings, stores] = await Promise.all([requireMember(ctx.openid), getById<CouponDoc>(C.coupons, input.couponId), brandSettings(), storeDirectory()]);
  if (!coupon || coupon.memberId !== member._id || coupon.status === 'pending') throw new AppError('COUPON_NOT_FOUND');
  const { token, expiresAt } = await issueCouponCode(coupon._id, ctx.now, settings.memberCodeTtlSeconds);
  return { coupon: couponView(coupon, (id) => stores.get(id)?.name ?? '', ctx.now), token, expiresAt: expiresAt.toISOString(), ttlSeconds: settings.memberCodeTtlSeconds };
}
