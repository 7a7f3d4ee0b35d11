import { couponsContract } from '../../../shared/contracts/coupons';
import { createMain } from '../../../server/dispatch';
import { grant } from './grant';
import { claim, claimCenter, exchange, exchangeList } from './offers';
import { addStock, saveTemplate, setTemplateStatus, templateStats, templates } from './templates';
import { couponCode, wallet } from './wallet';

export const main = createMain(couponsContract, {
  wallet,
  couponCode,
  claimCenter,
  claim,
  exchangeList,
  exchange,
  templates,
  saveTemplate,
  setTemplateStatus,
  addStock,
  templateStats,
  grant,
});
