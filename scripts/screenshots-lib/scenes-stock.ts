import * as stock from '../../miniprogram/fixtures/stock';
import { ok } from '../../miniprogram/test-support/answers';
import type { StaffView } from '../../shared/contracts/views';
import type { Scene } from './scenes';
import { signIn } from './scenes-tasks';

/** Stock across stores (a clerk's lookup of the demo's products, the requests to a store) and 老带新's invite page. */
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
    name: 'invite',
    page: 'pages/invite/invite',
    persona: 'shopper',
    fixtures: {
      'member.referral': ok({
        code: 'K7M2Q9XA',
        rewardPoints: 200,
        invitations: [
          { name: '王*', joinedAt: '2026-11-20T02:00:00.000Z', status: 'rewarded', statusText: '已奖励 200 积分' },
          { name: '赵*', joinedAt: '2026-11-28T02:00:00.000Z', status: 'joined', statusText: '已加入，首次消费后奖励' },
        ],
        rewardedCount: 1,
      }),
    },
    run: async (ctx) => {
      const page = ctx.render();
      page.instance.onLoad();
      await ctx.settle();
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
