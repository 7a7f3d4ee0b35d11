import { MY_DATA } from '../../miniprogram/fixtures/my-data';
import { SETTINGS } from '../../miniprogram/fixtures/settings';
import { ok } from '../../miniprogram/test-support/answers';
import { loaded, wait } from './scene-steps';
import type { Scene } from './scenes';

/** 我的数据 (a member's profile, data, export and closing) and the admin's settings: the hub, tiers with a previewed change, points rules, a store. */

const TIER_EFFECT = {
  lines: ['「金卡」升级门槛 5000 → 3000', '「金卡」保级门槛 5000 → 3000', '6 位「银卡」会员的成长值已达新门槛，保存后升为「金卡」'],
  byTier: [
    { tierId: 'normal', name: '普通会员', before: 120, after: 120 },
    { tierId: 'silver', name: '银卡', before: 34, after: 28 },
    { tierId: 'gold', name: '金卡', before: 9, after: 15 },
    { tierId: 'diamond', name: '钻石', before: 0, after: 0 },
  ],
};

const POINTS_EFFECT = {
  lines: ['积分有效期：获得后第1年年底 → 获得后第2年年底，只适用于此后获得的积分', '163 位会员现有的 48210 积分仍按原到期日到期'],
  byTier: [],
};

const run: Scene['run'] = (ctx) => loaded(ctx);

export const SETTINGS_SCENES: Scene[] = [
  { name: 'my-data', page: 'pages/my-data/my-data', persona: 'shopper', fixtures: { 'member.myData': ok(MY_DATA) }, run },
  {
    name: 'my-data-closing',
    page: 'pages/my-data/my-data',
    persona: 'shopper',
    fixtures: { 'member.myData': ok(MY_DATA) },
    run: async (ctx) => {
      const page = await loaded(ctx);
      await ctx.tap(page, '#open-closing');
      await ctx.fire(page, '#confirmation', 'change', '注销');
      await wait(500);
      await ctx.settle();
      return page;
    },
  },
  { name: 'settings', page: 'packages/settings/pages/settings/settings', persona: 'admin', fixtures: { 'admin.settings': ok(SETTINGS) }, run },
  {
    name: 'settings-tiers',
    page: 'packages/settings/pages/tiers/tiers',
    persona: 'admin',
    fixtures: { 'admin.settings': ok(SETTINGS), 'admin.previewTiers': ok(TIER_EFFECT) },
    // A preview reads, it does not write: on the local cloud it counts the demo's members.
    run: async (ctx) => {
      const page = await loaded(ctx);
      await ctx.fire(page, '#threshold-2', 'change', '3000');
      await ctx.fire(page, '#keep-2', 'change', '3000');
      await ctx.tap(page, '#preview');
      return page;
    },
  },
  {
    name: 'settings-points',
    page: 'packages/settings/pages/points-rules/points-rules',
    persona: 'admin',
    fixtures: { 'admin.settings': ok(SETTINGS), 'admin.previewPointsRules': ok(POINTS_EFFECT) },
    run: async (ctx) => {
      const page = await loaded(ctx);
      page.instance.onExpiry({ detail: { value: 2 } } as never);
      await ctx.tap(page, '#preview');
      return page;
    },
  },
  {
    name: 'store-edit',
    page: 'packages/settings/pages/store-edit/store-edit',
    persona: 'admin',
    fixtures: { 'admin.settings': ok(SETTINGS) },
    run: async (ctx) => {
      const page = ctx.render();
      page.instance.onLoad({ storeId: 'S01' });
      await ctx.settle();
      return page;
    },
  },
];
