import { staffContract } from '../../../shared/contracts/staff';
import { createMain } from '../../../server/dispatch';
import { approveSale, declineSale, pendingSales } from './approvals';
import { bind } from './bind';
import { customer, resolveMemberCode } from './customer';
import { me } from './me';
import { purchases } from './purchases';
import { recordPurchase } from './record-purchase';
import { resolveCouponCode, saleCoupons } from './sale-coupons';
import { voidPurchase } from './void-purchase';

export const main = createMain(staffContract, {
  bind,
  me,
  resolveMemberCode,
  customer,
  recordPurchase,
  voidPurchase,
  purchases,
  saleCoupons,
  resolveCouponCode,
  pendingSales,
  approveSale,
  declineSale,
});
