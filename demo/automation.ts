import fs from 'node:fs';
import path from 'node:path';
import type { LocalCloud } from '../emulator/local-cloud';
import type { ActionResult } from '../shared/contracts/errors';
import { builtInJourneys, type BuiltInJourney, type JourneyDefinition } from '../shared/rules/journeys';
import type { MessageTemplateKey } from '../shared/rules/message-templates';
import { DEMO_OPENIDS } from './brand';
import { DEMO_TEMPLATE_IDS } from './coupons';

/**
 * Switches the demo brand's automation on through the real functions, as its admin and shoppers would:
 * the built-in journeys get the demo's gift coupons and go live, a few shoppers accept subscription
 * messages, and a campaign goes to 静安旗舰店's sleeping customers. The every-minute automation job then
 * does the rest (the demo's timers run it; the seed runs it once now).
 */
export const DEMO_CAMPAIGN_REQUEST = 'demo-campaign-0001';
/** The custom journey's id is its creating request's: `j-<request id>`. */
export const DEMO_JOURNEY_REQUEST = 'demo-journey-invite';

/** A journey an admin built: invite the customers tagged 邀约 to the store, by message or by a clerk's call. */
const INVITE_JOURNEY: JourneyDefinition = {
  name: '邀约到店',
  entry: { kind: 'tag_added', tag: 'auto:high_ticket' },
  steps: [
    { id: 's1', type: 'wait', days: 1, hours: 0 },
    { id: 's2', type: 'branch', condition: { kind: 'has_quota', template: 'store_notice' }, elseGoto: 's4' },
    { id: 's3', type: 'message', template: 'store_notice', text: '新季度会员专享试穿会邀请', fallbackTask: true },
    { id: 's4', type: 'task', cause: 'journey', title: '电话邀约到店试穿', dueInDays: 2 },
    { id: 's5', type: 'wait_until_time', time: '10:00' },
    { id: 's6', type: 'coupon', couponTemplateId: DEMO_TEMPLATE_IDS.cash, notify: true, fallbackTask: false, note: '试穿会专享券已到账' },
  ],
  exit: [{ kind: 'purchased_since_entry' }],
  reentry: { kind: 'after_days', days: 90 },
  conversionDays: 14,
};

async function call<T>(cloud: LocalCloud, functionName: string, openid: string, action: string, payload: unknown = {}): Promise<T> {
  const outcome = await cloud.runtime.invoke({ functionName, openid, source: 'wx_client', event: { action, payload } });
  if (!outcome.ok) throw new Error(`${functionName}.${action}: ${outcome.error.message}`);
  const result = outcome.result as ActionResult<T>;
  if (!result.ok) throw new Error(`${functionName}.${action}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

/** The demo's products and stock in both stores, through the admin's import (demo/products.csv). */
export async function importDemoProducts(cloud: LocalCloud): Promise<string> {
  if (!cloud.runtime.get('stock')) return 'stock is not built';
  const csv = fs.readFileSync(path.join(__dirname, 'products.csv'), 'utf8');
  const result = await call<{ products: number }>(cloud, 'stock', DEMO_OPENIDS.admin, 'importProducts', { csv });
  return `${result.products} products in stock`;
}

export async function setUpAutomation(cloud: LocalCloud): Promise<string> {
  if (!cloud.runtime.get('automation') || !cloud.runtime.get('automation-jobs')) return 'automation is not built (npm start builds it)';
  // The first run makes the built-in journeys (after-purchase care is on from then).
  const first = await cloud.triggers.fire('automation-jobs');
  if (!first.ok) return `automation-jobs failed: ${first.error.message}`;
  const gifts = { invitation: DEMO_TEMPLATE_IDS.invitation, birthday: DEMO_TEMPLATE_IDS.birthday, winBack: DEMO_TEMPLATE_IDS.winBack, anniversary: DEMO_TEMPLATE_IDS.gift };
  const journeys = builtInJourneys(gifts);
  for (const kind of ['new_member', 'birthday', 'win_back', 'anniversary'] as BuiltInJourney[]) {
    await call(cloud, 'automation', DEMO_OPENIDS.admin, 'saveJourney', { journeyId: `builtin-${kind}`, definition: journeys[kind], requestId: `demo-journey-${kind}`.slice(0, 40) });
    await call(cloud, 'automation', DEMO_OPENIDS.admin, 'setJourneyStatus', { journeyId: `builtin-${kind}`, status: 'active' });
  }
  await call(cloud, 'automation', DEMO_OPENIDS.admin, 'saveJourney', { definition: INVITE_JOURNEY, requestId: DEMO_JOURNEY_REQUEST });
  const prompts: Array<[string, MessageTemplateKey[]]> = [
    ['demo-subscribe-0001', ['points_changed', 'coupon_arrived', 'coupon_expiring']],
    ['demo-subscribe-0002', ['tier_upgraded', 'store_notice', 'coupon_arrived']],
  ];
  for (const [requestId, accepted] of prompts) await call(cloud, 'member', DEMO_OPENIDS.shopper, 'subscribe', { requestId, accepted });
  await call(cloud, 'automation', DEMO_OPENIDS.manager, 'createCampaign', {
    name: '双十二沉睡唤醒',
    audience: { segments: ['dormant'], tierIds: [], tags: [], storeIds: ['S01'] },
    couponTemplateId: DEMO_TEMPLATE_IDS.campaign,
    notify: true,
    fallbackTasks: true,
    sendAt: null,
    requestId: DEMO_CAMPAIGN_REQUEST,
  });
  const run = await cloud.triggers.fire('automation-jobs');
  if (!run.ok) return `automation-jobs failed: ${run.error.message}`;
  const result = run.result as { campaigns?: { reached: number }; messages?: { sent: number } };
  const redeemed = await redeemSome(cloud);
  return `journeys on (new member, birthday, win-back, anniversary, after purchase; 邀约到店 saved paused); campaign reached ${result.campaigns?.reached ?? 0} members, ${redeemed} came back and used it; ${result.messages?.sent ?? 0} messages sent`;
}

/** A few of the campaign's members come back and use its coupon at the till, so its figures have redemptions. */
async function redeemSome(cloud: LocalCloud): Promise<number> {
  const coupons = cloud.db.find('coupons', { campaignId: `c-${DEMO_CAMPAIGN_REQUEST}`, status: 'unused' }, { limit: 4 }) as Array<{ _id: string; memberId: string }>;
  let redeemed = 0;
  for (const [i, coupon] of coupons.entries()) {
    const clerk = i % 2 === 0 ? DEMO_OPENIDS.clerk1 : DEMO_OPENIDS.clerk3;
    const amountFen = [48_800, 36_900, 62_000, 33_800][i];
    await call(cloud, 'staff', clerk, 'recordPurchase', { memberId: coupon.memberId, amountFen, orderNo: `DEMO-C12-${i + 1}`, categories: ['外套'], couponIds: [coupon._id] });
    redeemed++;
  }
  return redeemed;
}
