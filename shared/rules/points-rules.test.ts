import { DEFAULT_BRAND_SETTINGS } from './brand-settings';
import { pointsRulesEffect } from './points-rules';

test('points rules say they apply from now on and leave held points alone, with the figures', () => {
  const lines = pointsRulesEffect(DEFAULT_BRAND_SETTINGS, { pointsPerYuan: 2, pointsExpiryYears: 0, welcomePoints: 100 }, { members: 12, points: 3400 });
  expect(lines).toEqual([
    '每消费1元得 1 → 2 积分（再乘等级倍率），从保存后的消费起生效',
    '积分有效期：获得后第1年年底 → 获得当年年底，只适用于此后获得的积分',
    '12 位会员现有的 3400 积分仍按原到期日到期',
  ]);
  expect(pointsRulesEffect(DEFAULT_BRAND_SETTINGS, DEFAULT_BRAND_SETTINGS, { members: 0, points: 0 })).toEqual(['积分规则没有变化']);
});
