import type { BrandSettings } from './brand-settings';

type Rules = Pick<BrandSettings, 'pointsPerYuan' | 'pointsExpiryYears' | 'welcomePoints'>;

/** When points earned under this rule expire, as a member reads it. */
export function expiryText(years: number): string {
  return years === 0 ? '获得当年年底' : `获得后第${years}年年底`;
}

/**
 * What new points rules mean for members, before they are saved. Points rules never touch points
 * already held: an earned lot keeps the expiry it was given, so the lines say so with the figures.
 */
export function pointsRulesEffect(current: Rules, next: Rules, holders: { members: number; points: number }): string[] {
  const lines: string[] = [];
  if (current.pointsPerYuan !== next.pointsPerYuan) {
    lines.push(`每消费1元得 ${current.pointsPerYuan} → ${next.pointsPerYuan} 积分（再乘等级倍率），从保存后的消费起生效`);
  }
  if (current.pointsExpiryYears !== next.pointsExpiryYears) {
    lines.push(`积分有效期：${expiryText(current.pointsExpiryYears)} → ${expiryText(next.pointsExpiryYears)}，只适用于此后获得的积分`);
    lines.push(`${holders.members} 位会员现有的 ${holders.points} 积分仍按原到期日到期`);
  }
  if (current.welcomePoints !== next.welcomePoints) lines.push(`入会礼积分 ${current.welcomePoints} → ${next.welcomePoints}，只适用于新加入的会员`);
  if (!lines.length) lines.push('积分规则没有变化');
  return lines;
}
