import { formatShanghai } from '../time/shanghai';
import { maskPhone } from './mask';

/**
 * PIPL (个人信息保护法): what a member is told about the data the brand holds on them. Pure, so the
 * page, the export file and the tests read the same sentences.
 */

export interface DataCounts {
  purchases: number;
  pointsEntries: number;
  coupons: number;
  interactions: number;
  tierChanges: number;
  invitations: number;
}

export interface DataSummaryInput {
  name: string;
  phone: string;
  joinedAt: Date;
  homeStoreName: string;
  tierName: string;
  points: number;
  consentVersion: string;
  consentAt: Date;
  counts: DataCounts;
}

const DATE = 'YYYY年M月D日';

/** Readable lines: who we think they are, what we keep, and since when they agreed to it. */
export function dataSummary(input: DataSummaryInput): string[] {
  const { counts } = input;
  return [
    `姓名：${input.name || '未填写'}，手机号：${input.phone ? maskPhone(input.phone) : '未绑定'}`,
    // A member who joined in the app, not from a counter code, has no home store to name.
    `${formatShanghai(input.joinedAt, DATE)}${input.homeStoreName ? `在「${input.homeStoreName}」` : ''}加入会员，当前等级：${input.tierName}，积分：${input.points}`,
    `消费记录 ${counts.purchases} 笔，积分明细 ${counts.pointsEntries} 条，优惠券 ${counts.coupons} 张`,
    `门店服务记录 ${counts.interactions} 条，等级变更 ${counts.tierChanges} 次，邀请好友 ${counts.invitations} 位`,
    `已同意隐私保护指引（版本 ${input.consentVersion}，${formatShanghai(input.consentAt, DATE)}）`,
  ];
}

/** What closing a membership does, shown before the member confirms. */
export const CLOSING_CONSEQUENCES = [
  '姓名、手机号、生日等个人信息将被删除',
  '剩余积分清零，未使用的优惠券作废',
  '消费和积分记录仅以匿名形式保留，用于门店对账',
  '注销后可用同一微信或手机号重新加入，成为新会员',
] as const;

/** The word a member types to confirm: a tap alone never closes a membership. */
export const CLOSE_CONFIRMATION = '注销';

/** Where an export lives in cloud storage: one file per request, under the member's own folder. */
export function exportPath(memberId: string, requestId: string): string {
  return `my-data/${memberId}/${requestId}.json`;
}

export function closeReason(): string {
  return '注销会员，积分清零';
}
