import { saleNeedsApproval } from './sales';

test('only a clerk, and only above the limit', () => {
  expect(saleNeedsApproval('clerk', 5_000_000, 5_000_000)).toBe(false);
  expect(saleNeedsApproval('clerk', 5_000_001, 5_000_000)).toBe(true);
  expect(saleNeedsApproval('manager', 100_000_000, 5_000_000)).toBe(false);
  expect(saleNeedsApproval('admin', 100_000_000, 5_000_000)).toBe(false);
});
