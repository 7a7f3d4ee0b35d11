import * as demo from '../fixtures/demo';
import { applicableIds, blockedReason, previewSale, suggestCoupons } from './sale-coupons';

const coupons = demo.saleCoupons;

test('what blocks a coupon: the server\u2019s reason, else the threshold for this amount', () => {
  expect(blockedReason(coupons[3], 100_000)).toBe('本门店不可用');
  expect(blockedReason(coupons[0], 29_000)).toBe('还差¥10可用');
  expect(blockedReason(coupons[0], 30_000)).toBe('');
});

test('the suggestion is the most off for this amount, plus a gift', () => {
  // ¥280: the 满300减50 does not apply; 9折 takes ¥20 (capped); plus the bag
  expect(suggestCoupons(coupons, 28_000)).toEqual(['cp-welcome', 'cp-bag']);
  // ¥600: 满300减50 takes 50, 9折 is capped at 20
  expect(suggestCoupons(coupons, 60_000)).toEqual(['cp-300-50', 'cp-bag']);
  expect(suggestCoupons([], 60_000)).toEqual([]);
});

test('the preview: paid, saved and points on what is paid, and why two money-off coupons cannot go together', () => {
  expect(previewSale(coupons, ['cp-300-50', 'cp-bag'], 60_000, 1_200)).toEqual({ paidFen: 55_000, discountFen: 5_000, points: 660, problem: '' });
  expect(previewSale(coupons, ['cp-300-50', 'cp-welcome'], 60_000, 1_000).problem).toBe('每笔消费只能使用一张抵扣券');
  expect(previewSale(coupons, ['cp-300-50'], 20_000, 1_000)).toMatchObject({ paidFen: 20_000, discountFen: 0, points: 200 });
  expect(applicableIds(coupons, ['cp-300-50', 'cp-bag'], 20_000)).toEqual(['cp-bag']);
});
