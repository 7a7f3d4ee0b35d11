import * as demo from '../../miniprogram/fixtures/demo';
import { fail, ok } from '../../miniprogram/test-support/answers';
import type { CouponCodeView, CustomerView, MemberCodeView } from '../../shared/contracts/views';
import { barcodeSvg, qrSvg } from './code-svg';
import type { DomElement, RenderedPage as Rendered } from './dom-types';
import { AUTOMATION_SCENES } from './scenes-automation';
import { CUSTOMER_SCENES } from './scenes-customers';
import { shown } from './scene-steps';
import { SETTINGS_SCENES } from './scenes-settings';
import { STOCK_SCENES } from './scenes-stock';
import { TASK_SCENES } from './scenes-tasks';

/**
 * Every screen `npm run screenshots` captures: which page, as whom, with which fixture answers, and
 * the taps that bring it into the state shown. With a local cloud the read-only calls go there;
 * scenes whose last step writes (join, record purchase) always use fixtures so a screenshot run never
 * changes the demo data.
 */

export type Persona = 'shopper' | 'clerk' | 'manager' | 'admin' | 'visitor';

export interface SceneContext {
  mode: 'fixtures' | 'cloud';
  render(properties?: Record<string, unknown>): Rendered;
  settle(): Promise<void>;
  tap(page: Rendered, selector: string): Promise<void>;
  fire(page: Rendered, selector: string, event: string, detail?: unknown): Promise<void>;
  /** A call through the scene's data source as another persona (cloud-mode setup). */
  call(persona: Persona, name: string, action: string, payload: unknown): Promise<unknown>;
}

export interface Scene {
  /** PNG file name, without extension. */
  name: string;
  page: string;
  persona: Persona;
  /** Tab pages show the custom tab bar; 'staff' shows it as a clerk sees it. */
  tab?: 'member' | 'staff';
  fixtures: Record<string, unknown>;
  /** Its last step writes: always answered from fixtures. */
  writes?: boolean;
  run(ctx: SceneContext): Promise<Rendered>;
  /** Replaces what the simulator cannot paint (canvases) in the exported DOM. */
  decorate?(root: DomElement, answers: Map<string, unknown>): void;
}

function unwrap<T>(result: unknown): T {
  const answer = result as { ok: boolean; data?: T; error?: { code: string; message: string } };
  if (!answer?.ok) throw new Error(`setup call failed: ${JSON.stringify(answer?.error ?? answer)}`);
  return answer.data as T;
}

/** The demo shopper as the clerk resolves her by scanning her member code. */
async function scannedCustomer(ctx: SceneContext): Promise<CustomerView> {
  if (ctx.mode === 'fixtures') return demo.customer;
  const code = unwrap<MemberCodeView>(await ctx.call('shopper', 'member', 'memberCode', {}));
  return unwrap<CustomerView>(await ctx.call('clerk', 'staff', 'resolveMemberCode', { token: code.token }));
}

async function joinToStep(ctx: SceneContext, step: 'privacy' | 'phone' | 'profile'): Promise<Rendered> {
  const page = ctx.render({ scene: encodeURIComponent('s=S001&c=K7M2') });
  page.instance.onLoad();
  await ctx.settle();
  if (step === 'privacy') return page;
  await ctx.fire(page, '#agree-privacy', 'agreeprivacyauthorization');
  if (step === 'phone') return page;
  await ctx.fire(page, '#quick-phone', 'getphonenumber', { errMsg: 'getPhoneNumber:ok', code: 'demo-phone-code' });
  await ctx.fire(page, '#name-input', 'change', '林晓雯');
  await ctx.fire(page, '#gender', 'change', 'female');
  await ctx.fire(page, '#birthday-picker', 'change', { value: '1992-05-17' });
  return page;
}


async function typeAmount(ctx: SceneContext, page: Rendered, keys: string): Promise<void> {
  for (const key of keys) await ctx.tap(page, `#keypad >> #key-${key === '.' ? 'point' : key}`);
}

async function recordPurchaseForm(ctx: SceneContext): Promise<Rendered> {
  const customer = await scannedCustomer(ctx);
  const page = ctx.render({ memberId: customer.memberId, name: encodeURIComponent(customer.name), multiplier: String(customer.tier.multiplierPermille) });
  page.instance.onLoad();
  await ctx.settle();
  page.setData({ orderNo: '20261123153012' });
  await typeAmount(ctx, page, '1288');
  await ctx.tap(page, '#category-0');
  return page;
}

const BASE_SCENES: Scene[] = [
  {
    name: 'join-privacy',
    page: 'pages/join/join',
    persona: 'visitor',
    fixtures: {},
    run: (ctx) => joinToStep(ctx, 'privacy'),
  },
  {
    name: 'join-phone',
    page: 'pages/join/join',
    persona: 'visitor',
    fixtures: {},
    run: (ctx) => joinToStep(ctx, 'phone'),
  },
  {
    name: 'join-profile',
    page: 'pages/join/join',
    persona: 'visitor',
    fixtures: {},
    run: (ctx) => joinToStep(ctx, 'profile'),
  },
  {
    name: 'join-welcome',
    page: 'pages/join/join',
    persona: 'visitor',
    writes: true,
    fixtures: { 'member.join': ok(demo.joinCreated) },
    run: async (ctx) => {
      const page = await joinToStep(ctx, 'profile');
      await ctx.tap(page, '#submit-profile');
      return page;
    },
  },
  {
    name: 'member-home',
    page: 'pages/member-home/member-home',
    persona: 'shopper',
    tab: 'member',
    fixtures: { 'member.card': ok(demo.card) },
    run: shown,
  },
  {
    name: 'member-home-not-member',
    page: 'pages/member-home/member-home',
    persona: 'visitor',
    tab: 'member',
    fixtures: { 'member.card': fail('NOT_MEMBER') },
    run: shown,
  },
  {
    name: 'member-code',
    page: 'pages/member-code/member-code',
    persona: 'shopper',
    fixtures: { 'member.memberCode': ok(demo.memberCode) },
    run: shown,
    decorate: (root, answers) => {
      const code = answers.get('member.memberCode') as { ok: boolean; data: MemberCodeView } | undefined;
      if (!code?.ok) return;
      const fill = (cls: string, svg: string) => {
        const canvas = root.querySelector(`[class*="${cls}"]`);
        if (canvas) canvas.innerHTML = svg;
      };
      fill('code-card__qr', qrSvg(code.data.token));
      fill('code-card__barcode', barcodeSvg(code.data.tillCode));
    },
  },
  {
    name: 'points-history',
    page: 'pages/points-history/points-history',
    persona: 'shopper',
    fixtures: { 'member.pointsHistory': ok(demo.pointsPage1) },
    run: async (ctx) => {
      const page = ctx.render();
      page.instance.onLoad();
      await ctx.settle();
      return page;
    },
  },
  {
    name: 'staff-home',
    page: 'pages/staff-home/staff-home',
    persona: 'clerk',
    tab: 'staff',
    fixtures: { 'staff.me': ok(demo.staff) },
    run: shown,
  },
  {
    name: 'staff-home-typed-code',
    page: 'pages/staff-home/staff-home',
    persona: 'clerk',
    tab: 'staff',
    fixtures: { 'staff.me': ok(demo.staff) },
    run: async (ctx) => {
      const page = await shown(ctx);
      await ctx.tap(page, '#type-code');
      await ctx.fire(page, '#typed-code', 'change', '4802 1395 7762 0318 45');
      return page;
    },
  },
  {
    name: 'staff-home-manager',
    page: 'pages/staff-home/staff-home',
    persona: 'manager',
    tab: 'staff',
    fixtures: { 'staff.me': ok(demo.manager) },
    run: shown,
  },
  {
    name: 'pending-sales',
    page: 'pages/pending-sales/pending-sales',
    persona: 'manager',
    fixtures: { 'staff.pendingSales': ok({ sales: demo.pendingSales }) },
    run: shown,
  },
  {
    name: 'staff-home-unbound',
    page: 'pages/staff-home/staff-home',
    persona: 'shopper',
    tab: 'member',
    fixtures: { 'staff.me': ok(null) },
    run: shown,
  },
  {
    name: 'staff-bind',
    page: 'pages/staff-bind/staff-bind',
    persona: 'shopper',
    fixtures: {},
    run: async (ctx) => {
      const page = ctx.render();
      await ctx.fire(page, '#invite-code', 'change', 'K7M2QX9P');
      return page;
    },
  },
  {
    name: 'customer',
    page: 'pages/customer/customer',
    persona: 'clerk',
    fixtures: { 'staff.customer': ok(demo.customer) },
    run: async (ctx) => {
      const customer = await scannedCustomer(ctx);
      const page = ctx.render({ memberId: customer.memberId });
      page.instance.onLoad();
      await ctx.settle();
      return page;
    },
  },
  {
    name: 'customer-review',
    page: 'pages/customer/customer',
    persona: 'clerk',
    fixtures: {
      'staff.customer': ok({ ...demo.customer, phoneMasked: '', reviewNote: '原手机号 138****6621 已由通过微信验证的本人认领，请核实顾客身份并更新手机号' }),
    },
    run: async (ctx) => {
      // The demo brand's member whose typed number went to its verified owner.
      const page = ctx.render({ memberId: ctx.mode === 'fixtures' ? demo.MEMBER_ID : 'demo-member-002' });
      page.instance.onLoad();
      await ctx.settle();
      return page;
    },
  },
  {
    name: 'record-purchase',
    page: 'pages/record-purchase/record-purchase',
    persona: 'clerk',
    fixtures: { 'staff.saleCoupons': ok({ coupons: demo.saleCoupons }) },
    run: recordPurchaseForm,
  },
  {
    name: 'record-purchase-approval',
    page: 'pages/record-purchase/record-purchase',
    persona: 'clerk',
    writes: true,
    fixtures: { 'staff.saleCoupons': ok({ coupons: [] }), 'staff.recordPurchase': fail('APPROVAL_REQUIRED') },
    run: async (ctx) => {
      const page = await recordPurchaseForm(ctx);
      await typeAmount(ctx, page, '00');
      await ctx.tap(page, '#keypad >> #key-confirm');
      return page;
    },
  },
  {
    name: 'record-purchase-result',
    page: 'pages/record-purchase/record-purchase',
    persona: 'clerk',
    writes: true,
    fixtures: { 'staff.saleCoupons': ok({ coupons: demo.saleCoupons }), 'staff.recordPurchase': ok(demo.purchaseWithCoupon) },
    run: async (ctx) => {
      const page = await recordPurchaseForm(ctx);
      await ctx.tap(page, '#keypad >> #key-confirm');
      return page;
    },
  },
  {
    name: 'record-purchase-coupons',
    page: 'pages/record-purchase/record-purchase',
    persona: 'clerk',
    fixtures: { 'staff.saleCoupons': ok({ coupons: demo.saleCoupons }) },
    run: async (ctx) => {
      const page = await recordPurchaseForm(ctx);
      await ctx.tap(page, '#toggle-coupons');
      return page;
    },
  },
  {
    name: 'coupons',
    page: 'pages/coupons/coupons',
    persona: 'shopper',
    fixtures: { 'coupons.wallet': ok(demo.walletUnused) },
    run: shown,
  },
  {
    name: 'coupon',
    page: 'pages/coupon/coupon',
    persona: 'shopper',
    fixtures: { 'coupons.couponCode': ok(demo.couponCode), 'coupons.wallet': ok(demo.walletUnused) },
    run: async (ctx) => {
      // The first coupon in her wallet, whichever the data source holds.
      const wallet = unwrap<{ coupons: Array<{ couponId: string }> }>(await ctx.call('shopper', 'coupons', 'wallet', { tab: 'unused' }));
      const page = ctx.render({ couponId: wallet.coupons[0]?.couponId ?? 'none' });
      page.instance.onShow();
      await ctx.settle();
      return page;
    },
    decorate: (root, answers) => {
      const code = answers.get('coupons.couponCode') as { ok: boolean; data: CouponCodeView } | undefined;
      const canvas = root.querySelector('[class*="coupon-page__qr"]');
      if (code?.ok && canvas) canvas.innerHTML = qrSvg(code.data.token);
    },
  },
  {
    name: 'claim-center',
    page: 'pages/claim-center/claim-center',
    persona: 'shopper',
    fixtures: { 'coupons.claimCenter': ok({ offers: demo.offers }) },
    run: shown,
  },
  {
    name: 'points-exchange',
    page: 'pages/points-exchange/points-exchange',
    persona: 'shopper',
    fixtures: { 'coupons.exchangeList': ok({ pointsBalance: 2_460, offers: demo.exchangeOffers }) },
    run: shown,
  },
  {
    name: 'coupon-templates',
    page: 'pages/coupon-templates/coupon-templates',
    persona: 'manager',
    fixtures: { 'coupons.templates': ok({ templates: demo.templates }) },
    run: shown,
  },
  {
    name: 'coupon-template-edit',
    page: 'pages/coupon-template-edit/coupon-template-edit',
    persona: 'manager',
    fixtures: {},
    run: async (ctx) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../../miniprogram/stores/staff-profile').setStaffProfile(demo.manager);
      const page = ctx.render();
      page.instance.onLoad();
      await ctx.settle();
      await ctx.fire(page, '#name', 'change', '店庆满500减80');
      await ctx.fire(page, '#description', 'change', '店庆当天全场可用');
      await ctx.fire(page, '#threshold', 'change', '500');
      await ctx.fire(page, '#amount-off', 'change', '80');
      await ctx.fire(page, '#total-stock', 'change', '300');
      return page;
    },
  },
  {
    name: 'grant-coupon',
    page: 'pages/grant-coupon/grant-coupon',
    persona: 'manager',
    fixtures: { 'coupons.templates': ok({ templates: [demo.templates[0]] }) },
    run: async (ctx) => {
      const customer = await scannedCustomer(ctx);
      const page = ctx.render({ memberId: customer.memberId, name: encodeURIComponent(customer.name) });
      page.instance.onLoad();
      await ctx.settle();
      await ctx.tap(page, '#option-0 >> .coupon');
      await ctx.fire(page, '#reason', 'change', '上次消费忘记用券');
      return page;
    },
  },
];

export const SCENES: Scene[] = [...BASE_SCENES, ...CUSTOMER_SCENES, ...TASK_SCENES, ...AUTOMATION_SCENES, ...STOCK_SCENES, ...SETTINGS_SCENES];
