import type { DashboardView } from '../../../shared/contracts/dashboard';
import { addDaysToDayKey, startOfShanghaiDayKey } from '../../../shared/time/shanghai';
import { _, db } from '../../../server/cloud';
import { C, type CampaignDoc, type CouponDoc } from '../../../server/documents';

/** Campaigns on one dashboard: the newest this many (their detail pages have the rest). */
const LIMIT = 20;

/**
 * The range's campaigns with their coupons' figures in two requests: the campaigns sent in the range,
 * then one aggregation of their coupons by campaign and status (granted = all but pending, redeemed =
 * used, sales = what the sales they were used on paid). Coupons are granted brand-wide, so the figures
 * are the campaign's, not a store's.
 */
export async function rangeCampaigns(ownerStoreId: string | null, from: string, to: string): Promise<DashboardView['campaigns']> {
  const sent = [
    { status: _.in(['running', 'done']) },
    { sendAt: _.gte(startOfShanghaiDayKey(from)) },
    { sendAt: _.lt(startOfShanghaiDayKey(addDaysToDayKey(to, 1))) },
    ...(ownerStoreId ? [{ ownerStoreId }] : []),
  ];
  const { data: campaigns } = await db.collection<CampaignDoc>(C.campaigns).where(_.and(sent)).orderBy('sendAt', 'desc').limit(LIMIT).get();
  if (!campaigns.length) return [];
  const $ = _.aggregate;
  const { list } = await db
    .collection<CouponDoc>(C.coupons)
    .aggregate()
    .match({ campaignId: _.in(campaigns.map((c) => c._id)), status: _.neq('pending') })
    .group({ _id: { campaignId: '$campaignId', status: '$status' }, n: $.sum(1), sales: $.sum('$usedSaleFen') })
    .end();
  const rows = list as Array<{ _id: { campaignId: string; status: string }; n: number; sales: number }>;
  return campaigns.map((campaign) => {
    const mine = rows.filter((r) => r._id.campaignId === campaign._id);
    const granted = mine.reduce((n, r) => n + r.n, 0);
    const used = mine.filter((r) => r._id.status === 'used');
    const redeemed = used.reduce((n, r) => n + r.n, 0);
    return {
      id: campaign._id,
      name: campaign.name,
      sentAt: (campaign.startedAt ?? campaign.sendAt).toISOString(),
      granted,
      redeemed,
      redemptionPercent: granted ? Math.round((redeemed * 100) / granted) : 0,
      salesFen: used.reduce((n, r) => n + r.sales, 0),
    };
  });
}
