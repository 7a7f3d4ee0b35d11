import * as automation from '../../miniprogram/fixtures/automation';
import * as dashboardFixtures from '../../miniprogram/fixtures/dashboard';
import * as demo from '../../miniprogram/fixtures/demo';
import { dashboardCharts } from '../../miniprogram/packages/dashboard/chart-options';
import type { DashboardView } from '../../shared/contracts/dashboard';
import { drawCharts } from './chart-canvas';
import { ok } from '../../miniprogram/test-support/answers';
import type { StaffView } from '../../shared/contracts/views';
import { loaded, wait } from './scene-steps';
import type { Scene } from './scenes';
import { signIn } from './scenes-tasks';

/**
 * The manager's dashboard (its charts drawn in Chromium from the page's own options) and the automation screens: journeys and the editor (a built-in journey, one with a branch, a new one), the
 * campaigns, the campaign builder with an audience picked, a campaign's figures, the message settings,
 * and the shopper's 消息订阅. In cloud mode they read the demo brand (its journeys, its campaign to
 * sleeping customers with four redemptions).
 */
const ADMIN: StaffView = { staffId: 'staff-admin', name: '周总监', role: 'admin', storeId: 'S01', storeName: '静安旗舰店' };
const MANAGER: StaffView = { staffId: 'staff-manager', name: '王店长', role: 'manager', storeId: 'S01', storeName: '静安旗舰店' };



export const AUTOMATION_SCENES: Scene[] = [
  {
    name: 'journeys',
    page: 'pages/journeys/journeys',
    persona: 'admin',
    fixtures: { 'automation.journeys': ok(automation.journeys) },
    run: (ctx) => {
      signIn(ADMIN);
      return loaded(ctx);
    },
  },
  {
    name: 'journey-edit',
    page: 'pages/journey-edit/journey-edit',
    persona: 'admin',
    fixtures: { 'automation.journeyEditor': ok({ journey: automation.newMemberJourney, options: automation.options }) },
    run: (ctx) => {
      signIn(ADMIN);
      return loaded(ctx, { journeyId: 'builtin-new_member' });
    },
  },
  {
    name: 'journey-edit-branch',
    page: 'pages/journey-edit/journey-edit',
    persona: 'admin',
    fixtures: { 'automation.journeyEditor': ok({ journey: automation.customJourney, options: automation.options }) },
    run: (ctx) => {
      signIn(ADMIN);
      return loaded(ctx, { journeyId: ctx.mode === 'fixtures' ? 'j-demo-invite' : 'j-demo-journey-invite' });
    },
  },
  {
    // A new journey: short enough to show the exit conditions, re-entry and conversion panels.
    name: 'journey-edit-new',
    page: 'pages/journey-edit/journey-edit',
    persona: 'admin',
    fixtures: { 'automation.journeyEditor': ok({ journey: null, options: automation.options }) },
    run: async (ctx) => {
      signIn(ADMIN);
      const page = await loaded(ctx);
      await ctx.fire(page, '#name', 'change', '首购后邀约');
      await ctx.fire(page, '#entry-picker', 'change', { value: 2 });
      await ctx.tap(page, '#add-step');
      await ctx.fire(page, '#step-types', 'select', { type: 'task', name: '给导购派待办' });
      await ctx.fire(page, '#task-cause-1', 'change', { value: 3 });
      await ctx.fire(page, '#task-title-1', 'change', '邀约试穿新品');
      await ctx.fire(page, '#task-cause-1', 'change', { value: 3 });
      await ctx.tap(page, '#remove-0');
      await ctx.tap(page, '#add-exit');
      await ctx.fire(page, '#exit-kind-1', 'change', { value: 4 });
      await ctx.fire(page, '#reentry-picker', 'change', { value: 2 });
      // The step sheet's closing transition.
      await wait(400);
      await ctx.settle();
      return page;
    },
  },
  {
    name: 'campaigns',
    page: 'pages/campaigns/campaigns',
    persona: 'manager',
    fixtures: { 'automation.campaigns': ok(automation.campaigns) },
    run: (ctx) => {
      signIn(MANAGER);
      return loaded(ctx);
    },
  },
  {
    name: 'campaign-edit',
    page: 'pages/campaign-edit/campaign-edit',
    persona: 'manager',
    fixtures: { 'automation.options': ok({ ...automation.options, stores: automation.options.stores.slice(0, 1) }), 'automation.audienceCount': ok(automation.audienceCount) },
    run: async (ctx) => {
      signIn(MANAGER);
      const page = await loaded(ctx);
      await ctx.tap(page, '#segment-dormant');
      await ctx.fire(page, '#name', 'change', '双十二沉睡唤醒');
      await ctx.fire(page, '#coupon-picker', 'change', { value: 3 });
      await ctx.fire(page, '#fallback', 'change', true);
      await wait(400);
      await ctx.settle();
      return page;
    },
  },
  {
    name: 'campaign-detail',
    page: 'pages/campaign-detail/campaign-detail',
    persona: 'manager',
    fixtures: { 'automation.campaign': ok(automation.runningCampaign) },
    run: (ctx) => {
      signIn(MANAGER);
      return loaded(ctx, { campaignId: 'c-demo-campaign-0001' });
    },
  },
  {
    name: 'message-settings',
    page: 'pages/message-settings/message-settings',
    persona: 'admin',
    fixtures: { 'automation.messageSettings': ok(automation.messageSettings) },
    run: (ctx) => {
      signIn(ADMIN);
      return loaded(ctx);
    },
  },
  {
    name: 'dashboard',
    page: 'packages/dashboard/pages/dashboard/dashboard',
    persona: 'admin',
    fixtures: { 'dashboard.overview': ok(dashboardFixtures.dashboard) },
    run: (ctx) => {
      signIn(ADMIN);
      return loaded(ctx);
    },
    decorate: (root, answers) => {
      const answer = answers.get('dashboard.overview') as { ok: boolean; data: DashboardView } | undefined;
      if (answer?.ok) drawCharts(root, dashboardCharts(answer.data));
    },
  },
  {
    name: 'message-subscriptions',
    page: 'pages/message-subscriptions/message-subscriptions',
    persona: 'shopper',
    fixtures: { 'member.card': ok(demo.card) },
    run: (ctx) => loaded(ctx),
  },
];
