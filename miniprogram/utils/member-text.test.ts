import { formatCount, formatSignedPoints, roleName, textColorOn, upgradeHint } from './member-text';

describe('member wording', () => {
  it('groups thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-2460)).toBe('-2,460');
  });

  it('signs ledger points', () => {
    expect(formatSignedPoints(384)).toBe('+384');
    expect(formatSignedPoints(-1560)).toBe('-1,560');
    expect(formatSignedPoints(0)).toBe('0');
  });

  it('says how much more to spend for the next tier, or that it is the top', () => {
    expect(upgradeHint({ name: '银卡', threshold: 1000, remaining: 860 })).toBe('再消费 860 元升级为 银卡');
    expect(upgradeHint({ name: '金卡', threshold: 5000, remaining: 1140 })).toBe('再消费 1,140 元升级为 金卡');
    expect(upgradeHint(undefined)).toBe('已是最高等级');
  });

  it('names roles in Chinese', () => {
    expect(roleName('clerk')).toBe('店员');
    expect(roleName('manager')).toBe('店长');
    expect(roleName('admin')).toBe('管理员');
  });

  it('picks readable text on tier colours', () => {
    expect(textColorOn('#4B5CC4')).toBe('#ffffff'); // diamond
    expect(textColorOn('#9EA7B3')).toBe('#323233'); // silver
    expect(textColorOn('#C9A227')).toBe('#323233'); // gold
    expect(textColorOn('#1A1A1A')).toBe('#ffffff');
    expect(textColorOn('#F5F5F5')).toBe('#323233');
    expect(textColorOn('not a colour')).toBe('#ffffff');
  });
});
