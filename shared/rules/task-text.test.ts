import { parseShanghai } from '../time/shanghai';
import { DEFAULT_CARE_SETTINGS } from './care-settings';
import { INTERACTION_KIND_LABELS, INTERACTION_OUTCOME_LABELS, renderScript, shanghaiDayRange, TASK_CAUSE_TITLES, taskBucket, type ScriptContext } from './task-text';

const at = parseShanghai;
const FULL: ScriptContext = { name: '王芳', tierName: '金卡', lastCategory: '童装', couponName: '满200减30', storeName: '万达店' };
const EMPTY: ScriptContext = { name: '', tierName: '', lastCategory: null, couponName: null, storeName: '' };
const scripts = DEFAULT_CARE_SETTINGS.scripts;

test('titles and labels', () => {
  expect(TASK_CAUSE_TITLES).toEqual({
    thanks: '购后感谢',
    recommend: '购后推荐',
    revisit: '购后回访',
    birthday: '生日关怀',
    dormant: '沉睡唤醒',
    churn: '流失预警',
    coupon_expiring: '券即将到期',
    manual: '手动待办',
    journey: '旅程待办',
    campaign: '活动通知',
  });
  expect(INTERACTION_KIND_LABELS).toEqual({ call: '电话', wechat: '微信', visit: '到店', complaint: '投诉' });
  expect(INTERACTION_OUTCOME_LABELS).toEqual({ reached: '已联系', no_answer: '未接通', interested: '有意向', not_interested: '无意向', resolved: '已解决', follow_up: '需跟进' });
});

describe('renderScript', () => {
  it('fills every placeholder, every time it appears', () => {
    expect(renderScript('{姓名}/{等级}/{最近品类}/{优惠券}/{门店}/{姓名}', FULL)).toBe('王芳/金卡/童装/满200减30/万达店/王芳');
  });

  it('the default scripts read naturally with everything known', () => {
    expect(renderScript(scripts.thanks, FULL)).toBe('王芳您好，我是万达店的导购。感谢您昨天的光临，童装穿着还合适吗？有任何问题随时找我。');
    expect(renderScript(scripts.coupon_expiring, FULL)).toBe('王芳您好，提醒您：您的「满200减30」快到期了，别浪费哦，欢迎来店使用。');
  });

  it('falls back to natural words when facts are missing', () => {
    expect(renderScript(scripts.thanks, EMPTY)).toBe('顾客您好，我是本店的导购。感谢您昨天的光临，新品穿着还合适吗？有任何问题随时找我。');
    expect(renderScript(scripts.revisit, EMPTY)).toBe('顾客您好，好久不见！作为会员，店里新到的新品想第一时间告诉您，欢迎来店里看看。');
    expect(renderScript(scripts.dormant, EMPTY)).toBe('顾客您好，好久没见您来店里了，最近上了不少新款，店里也为您准备了专属优惠，欢迎回来看看。');
    expect(renderScript(scripts.churn, EMPTY)).toBe('顾客您好，最近还好吗？店里到了新品，给您留意了几款，有空来试试？');
    expect(renderScript(scripts.coupon_expiring, EMPTY)).toBe('顾客您好，提醒您：您的优惠券快到期了，别浪费哦，欢迎来店使用。');
  });

  it('blank text counts as missing', () => {
    expect(renderScript('{姓名}|{最近品类}|{优惠券}|{门店}', { name: '  ', tierName: ' ', lastCategory: ' ', couponName: ' ', storeName: ' ' })).toBe('顾客|新品|店里也为您准备了专属优惠|本店');
  });

  it('with a category, {最近品类}新品 keeps both words', () => {
    expect(renderScript(scripts.churn, FULL)).toBe('王芳您好，最近还好吗？店里到了童装新品，给您留意了几款，有空来试试？');
  });

  it('leaves unknown placeholders, and never expands what the values contain', () => {
    expect(renderScript('{姓名}{生日}{ 姓名 }', FULL)).toBe('王芳{生日}{ 姓名 }');
    expect(renderScript('{姓名}和{门店}', { ...FULL, name: '{门店}$&$1', storeName: 'A' })).toBe('{门店}$&$1和A');
  });
});

describe('taskBucket', () => {
  const NOW = at('2026-11-23 12:00');
  it.each([
    ['2026-11-22 23:59', 'overdue'],
    ['2026-11-23 00:00', 'today'],
    ['2026-11-23 23:59', 'today'],
    ['2026-11-24 00:00', 'upcoming'],
  ])('%s → %s', (due, bucket) => {
    expect(taskBucket(at(due), NOW)).toBe(bucket);
  });

  it('by the Shanghai day, not the UTC one', () => {
    // 2026-11-23T16:30Z is already 24 Nov in Shanghai
    expect(taskBucket(new Date('2026-11-23T16:30:00Z'), at('2026-11-23 23:00'))).toBe('upcoming');
    expect(taskBucket(new Date('2026-11-23T16:30:00Z'), new Date('2026-11-23T17:00:00Z'))).toBe('today');
  });
});

test('shanghaiDayRange: 00:00 today to 00:00 tomorrow, Shanghai', () => {
  expect(shanghaiDayRange(at('2026-11-23 12:00'))).toEqual({ start: at('2026-11-23'), end: at('2026-11-24') });
  expect(shanghaiDayRange(new Date('2026-12-31T16:00:00Z'))).toEqual({ start: at('2027-01-01'), end: at('2027-01-02') });
  expect(shanghaiDayRange(at('2028-02-28 23:59'))).toEqual({ start: at('2028-02-28'), end: at('2028-02-29') });
});
