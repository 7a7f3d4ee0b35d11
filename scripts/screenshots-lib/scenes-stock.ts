import * as stock from '../../miniprogram/fixtures/stock';
import { ok } from '../../miniprogram/test-support/answers';
import type { StaffView } from '../../shared/contracts/views';
import type { Scene } from './scenes';
import { signIn } from './scenes-tasks';

/** Stock across stores (a clerk's lookup of the demo's products, the requests to a store) 老带新's invite page, and the store's counter codes. */
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
    name: 'counter-codes',
    page: 'pages/counter-codes/counter-codes',
    persona: 'manager',
    fixtures: { 'admin.counterCodes': ok({ codes: [] }) },
    run: async (ctx) => {
      const page = ctx.render();
      page.instance.onLoad();
      await ctx.settle();
      return page;
    },
    // The simulator's <image> exports empty: each shows the PNG the function answered.
    decorate: (root, answers) => {
      const answer = answers.get('admin.counterCodes') as { ok: boolean; data: { codes: Array<{ pngBase64: string }> } } | undefined;
      if (!answer?.ok) return;
      let index = 0;
      root.querySelectorAll('[class*="code__image"]').forEach((image) => {
        const code = answer.data.codes[index++];
        if (code) image.innerHTML = `<img src="data:image/png;base64,${code.pngBase64}" style="width:100%;height:100%;display:block" />`;
      });
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
