import * as stock from '../../miniprogram/fixtures/stock';
import { ok } from '../../miniprogram/test-support/answers';
import type { StaffView } from '../../shared/contracts/views';
import type { Scene } from './scenes';
import { signIn } from './scenes-tasks';

/** Stock across stores: a clerk's lookup (the demo's products in both stores) and the requests to a store. */
const CLERK: StaffView = { staffId: 'staff-clerk-1', name: '李导购', role: 'clerk', storeId: 'S01', storeName: '静安旗舰店' };

export const STOCK_SCENES: Scene[] = [
  {
    name: 'stock-lookup',
    page: 'pages/stock-lookup/stock-lookup',
    persona: 'clerk',
    fixtures: { 'stock.search': ok({ products: [stock.scarf, stock.cardigan] }) },
    run: async (ctx) => {
      signIn(CLERK);
      const page = ctx.render();
      await ctx.fire(page, '#search', 'change', '羊');
      await ctx.fire(page, '#search', 'search', '羊');
      return page;
    },
  },
  {
    name: 'stock-holds',
    page: 'pages/stock-holds/stock-holds',
    persona: 'clerk',
    fixtures: { 'stock.holds': ok({ holds: [stock.pendingHold] }) },
    writes: true,
    run: async (ctx) => {
      signIn(CLERK);
      const page = ctx.render();
      page.instance.onLoad();
      await ctx.settle();
      return page;
    },
  },
];
