import { dataSummary, type DataSummaryInput } from './my-data';

const input: DataSummaryInput = {
  name: '林晓',
  phone: '13812345678',
  joinedAt: new Date('2026-12-03T17:30:00Z'), // 4 Dec in Shanghai
  homeStoreName: '静安旗舰店',
  tierName: '普通会员',
  points: 699,
  consentVersion: '2026-11',
  consentAt: new Date('2026-12-03T17:30:00Z'),
  counts: { purchases: 2, pointsEntries: 4, coupons: 1, interactions: 0, tierChanges: 0, invitations: 3 },
};

test('the summary names the member with a masked phone, the store joined at by Shanghai date, and what is kept', () => {
  expect(dataSummary(input)).toEqual([
    '姓名：林晓，手机号：138****5678',
    '2026年12月4日在「静安旗舰店」加入会员，当前等级：普通会员，积分：699',
    '消费记录 2 笔，积分明细 4 条，优惠券 1 张',
    '门店服务记录 0 条，等级变更 0 次，邀请好友 3 位',
    '已同意隐私保护指引（版本 2026-11，2026年12月4日）',
  ]);
});

test('a member who joined in the app has no store to name, and no placeholder stands in for one', () => {
  expect(dataSummary({ ...input, homeStoreName: '', name: '', phone: '' }).slice(0, 2)).toEqual([
    '姓名：未填写，手机号：未绑定',
    '2026年12月4日加入会员，当前等级：普通会员，积分：699',
  ]);
});
