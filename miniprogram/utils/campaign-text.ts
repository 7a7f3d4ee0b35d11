import type { CampaignView } from '../shared/contracts/automation-views';
import { formatShanghaiDateTime } from '../shared/format/datetime';
import { formatFenShort } from '../shared/format/money';

/** A campaign as its list row and its detail header read: status, when, the figures worded. */
export interface CampaignRow {
  id: string;
  name: string;
  statusText: string;
  statusType: 'primary' | 'success' | 'warning' | 'default';
  audienceText: string;
  couponName: string;
  timeText: string;
  createdByName: string;
  granted: number;
  redeemed: number;
  rateText: string;
  salesText: string;
}

const STATUS: Record<CampaignView['status'], { text: string; type: CampaignRow['statusType'] }> = {
  scheduled: { text: '待发送', type: 'warning' },
  running: { text: '发放中', type: 'primary' },
  done: { text: '已完成', type: 'success' },
  cancelled: { text: '已取消', type: 'default' },
};

export function campaignRow(campaign: CampaignView, now: Date): CampaignRow {
  const sendAt = new Date(campaign.sendAt);
  const timeText =
    campaign.status === 'scheduled'
      ? `${sendAt.getTime() > now.getTime() ? '定时' : '即将'}发送 ${formatShanghaiDateTime(sendAt)}`
      : campaign.status === 'cancelled'
        ? `原定 ${formatShanghaiDateTime(sendAt)} 发送`
        : `发送于 ${formatShanghaiDateTime(campaign.startedAt ?? campaign.sendAt)}`;
  return {
    id: campaign.id,
    name: campaign.name,
    statusText: STATUS[campaign.status].text,
    statusType: STATUS[campaign.status].type,
    audienceText: campaign.audienceText,
    couponName: campaign.couponName,
    timeText,
    createdByName: campaign.createdByName,
    granted: campaign.figures.granted,
    redeemed: campaign.figures.redeemed,
    rateText: `${campaign.figures.redemptionPercent}%`,
    salesText: formatFenShort(campaign.figures.salesFen),
  };
}
