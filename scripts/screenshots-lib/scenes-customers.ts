import * as care from '../../miniprogram/fixtures/care';
import * as demo from '../../miniprogram/fixtures/demo';
import { ok } from '../../miniprogram/test-support/answers';
import type { CustomerListView } from '../../shared/contracts/care-views';
import type { StaffView } from '../../shared/contracts/views';
import type { RenderedPage as Rendered } from './dom-types';
import type { Persona, Scene, SceneContext } from './scenes';

/**
 * The customer-care screens for staff: the 顾客 list, the 360° profile and the point adjustment.
 * With a local cloud the list and the clerk's profile come from the demo brand; scenes that reveal a
 * phone (audited) or fill a write form use fixtures.
 */

function unwrap<T>(result: unknown): T {
  const answer = result as { ok: boolean; data?: T; error?: { code: string; message: string } };
  if (!answer?.ok) throw new Error(`setup call failed: ${JSON.stringify(answer?.error ?? answer)}`);
  return answer.data as T;
}

/** The pages read the role from the staff profile store (fresh per scene), as staff-home sets it. */
function signIn(view: StaffView): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('../../miniprogram/stores/staff-profile') as { setStaffProfile(view: StaffView): void }).setStaffProfile(view);
}

/** The customer to open: 陈静 (the demo shopper, in the fixtures and in the demo brand), else the first listed. */
async function someCustomer(ctx: SceneContext, persona: Persona): Promise<string> {
  if (ctx.mode === 'fixtures') return care.PROFILE_MEMBER_ID;
  const named = unwrap<CustomerListView>(await ctx.call(persona, 'care', 'customers', { scope: 'store', q: '陈静' }));
  const list = named.customers.length ? named : unwrap<CustomerListView>(await ctx.call(persona, 'care', 'customers', { scope: persona === 'clerk' ? 'mine' : 'store' }));
  const first = list.customers[0];
  if (!first) throw new Error(`the local cloud lists no customers for the ${persona}`);
  return first.memberId;
}

async function customerList(ctx: SceneContext): Promise<Rendered> {
  signIn(demo.staff);
  const page = ctx.render();
  page.instance.onLoad();
  await ctx.settle();
  return page;
}

async function profile(ctx: SceneContext, persona: Persona): Promise<Rendered> {
  signIn(persona === 'clerk' ? demo.staff : demo.manager);
  const page = ctx.render({ memberId: await someCustomer(ctx, persona) });
  page.instance.onLoad();
  await ctx.settle();
  return page;
}

/** Vant's popup runs its enter transition on timers: let it finish before the picture. */
async function afterTransition(ctx: SceneContext): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 60));
    await ctx.settle();
  }
}

export const CUSTOMER_SCENES: Scene[] = [
  {
    name: 'customers',
    page: 'pages/customers/customers',
    persona: 'clerk',
    fixtures: { 'care.customers': ok(care.customersPage1) },
    run: customerList,
  },
  {
    name: 'customers-search',
    page: 'pages/customers/customers',
    persona: 'clerk',
    fixtures: {
      'care.customers': (payload: unknown) => ok((payload as { q?: string }).q === '2046' ? care.customersSearch2046 : care.customersPage1),
    },
    run: async (ctx) => {
      // In the demo brand: the last 4 digits of a customer the clerk serves.
      const tail =
        ctx.mode === 'fixtures' ? '2046' : unwrap<CustomerListView>(await ctx.call('clerk', 'care', 'customers', { scope: 'mine' })).customers[0].phoneMasked.slice(-4);
      const page = await customerList(ctx);
      await ctx.fire(page, '#search', 'change', tail);
      await ctx.fire(page, '#search', 'search', tail);
      return page;
    },
  },
  {
    name: 'customer-profile',
    page: 'pages/customer-profile/customer-profile',
    persona: 'clerk',
    fixtures: { 'care.profile': ok(care.profile) },
    run: (ctx) => profile(ctx, 'clerk'),
  },
  {
    name: 'customer-profile-manager',
    page: 'pages/customer-profile/customer-profile',
    persona: 'manager',
    // Revealing the number is audited: a screenshot run must not add to the demo's audit log.
    writes: true,
    fixtures: {
      'care.profile': ok(care.profileForManager),
      'care.revealPhone': ok(care.revealedPhone),
      'care.tagDefinitions': ok({ tags: care.tagDefinitions }),
    },
    run: async (ctx) => {
      const page = await profile(ctx, 'manager');
      await ctx.tap(page, '#reveal-phone');
      await ctx.tap(page, '#edit-tags');
      await afterTransition(ctx);
      return page;
    },
  },
  {
    name: 'adjust-points',
    page: 'pages/adjust-points/adjust-points',
    persona: 'manager',
    writes: true,
    fixtures: {},
    run: async (ctx) => {
      signIn(demo.manager);
      const page = ctx.render({ memberId: care.PROFILE_MEMBER_ID, name: encodeURIComponent(care.profile.name), balance: String(care.profile.pointsBalance) });
      page.instance.onLoad();
      await ctx.settle();
      await ctx.fire(page, '#points', 'change', '200');
      await ctx.fire(page, '#reason', 'change', '会员日活动积分补发');
      return page;
    },
  },
];
