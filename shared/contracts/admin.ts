import { z } from 'zod';
import { action } from './action';
import { id, inviteCode, personName, plainText, role } from './fields';
import type { HandOverView, StaffMemberView } from './care-views';
import type { CounterCodeView, InviteView } from './views';
import type { SavedSettingsView, SettingsEffectView, SettingsView, StoreSettingsView } from './settings-views';

const whole = (label: string, min: number, max: number) =>
  z.number(`请填写${label}`).int(`${label}须为整数`).min(min, `${label}不能小于${min}`).max(max, `${label}不能大于${max}`);

/** One tier as the form sends it; the ladder's rules (order, thresholds) are the settings rules' (field errors). */
const tier = z.object({
  id: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, '等级ID须为1–32位字母、数字、-或_'),
  name: plainText(10, '等级名称').pipe(z.string().min(1, '请填写等级名称')),
  color: z.string().regex(/^#[0-9A-Fa-f]{6}$/, '颜色须为 #RRGGBB'),
  threshold: whole('升级门槛', 0, 100_000_000),
  keepThreshold: whole('保级门槛', 0, 100_000_000),
  multiplierPermille: whole('积分倍率', 1000, 10_000),
  benefits: z.array(plainText(20, '权益').pipe(z.string().min(1, '权益不能为空'))).max(8, '权益最多8条'),
});
const tiers = z.object({ tiers: z.array(tier).min(1, '至少需要一个会员等级').max(10, '等级最多10个') });
const pointsRules = z.object({
  pointsPerYuan: whole('每元积分', 1, 100),
  pointsExpiryYears: whole('积分有效期', 0, 5),
  welcomePoints: whole('入会礼积分', 0, 100_000),
});

/** The `admin` cloud function: managers and the brand's admins. */
export const adminContract = {
  /** A one-time invite code for a new staff member (managers: clerks of their own store). */
  createInvite: action(z.object({ role, name: personName, storeId: id.optional() })).returns<InviteView>(),

  /** An unused invite stops working (managers: their store's). Revoking twice is the same as once. */
  revokeInvite: action(z.object({ code: inviteCode })).returns<{ revoked: true }>(),

  /** Counter mini-program codes (wxacode.getUnlimited) for a store and each of its active clerks. */
  counterCodes: action(z.object({ storeId: id.optional() })).returns<{ codes: CounterCodeView[] }>(),

  /** A store's staff with how many customers and open tasks each serves, and its unused invites (managers: their store). */
  staffList: action(z.object({ storeId: id.optional() }).default({})).returns<{ staff: StaffMemberView[]; invites: InviteView[] }>(),

  /**
   * Disables a clerk (they can do nothing from then on) and hands their customers and open tasks to one
   * chosen clerk or evenly over the store's other active clerks, in a resumable operation: this call
   * moves what it can in its time, the care jobs finish the rest; calling again resumes it. Attribution
   * (who invited, who sold) stays with the original clerk. Managers: clerks of their store; admins: anyone
   * but themselves. Audited.
   */
  offboard: action(z.object({ staffId: id, toStaffId: id.optional(), spread: z.boolean().default(false) })).returns<HandOverView>(),

  /** Progress of a hand-over (offboarding). */
  handOver: action(z.object({ staffId: id })).returns<HandOverView | null>(),

  /** Admins: a staff member's role or store. A move to another store needs their customers handed over first. Audited. */
  updateStaff: action(z.object({ staffId: id, role: role.optional(), storeId: id.optional() })).returns<StaffMemberView>(),

  /** Admins: the brand's settings as the settings pages edit them, with stores and members per tier. */
  settings: action(z.object({}).default({})).returns<SettingsView>(),

  /** Admins: what new tiers would do to existing members (counted by tier and growth), without saving. */
  previewTiers: action(tiers).returns<SettingsEffectView>(),

  /**
   * Admins: saves the tiers (refused with field errors when invalid, or while a removed tier still has
   * members); members whose growth now reaches a higher tier are lifted by a resumable pass that starts
   * in this call. Audited with what it did.
   */
  saveTiers: action(tiers).returns<SavedSettingsView>(),

  /** Admins: what new points rules would do (they apply to points earned from now on), without saving. */
  previewPointsRules: action(pointsRules).returns<SettingsEffectView>(),

  /** Admins: the earn rate, expiry and welcome points. Audited. */
  savePointsRules: action(pointsRules).returns<SavedSettingsView>(),

  /** Admins: the brand's name, privacy-guide version (new joins must agree to it) and invite reward. Audited. */
  saveBrand: action(
    z.object({
      brandName: plainText(20, '品牌名称').pipe(z.string().min(1, '请填写品牌名称')),
      privacyVersion: z.string().trim().regex(/^[0-9A-Za-z._-]{1,20}$/, '隐私政策版本须为1–20位字母、数字、.、-或_'),
      referralRewardPoints: whole('邀请奖励积分', 0, 100_000),
    }),
  ).returns<SettingsView>(),

  /** Admins: adds a store (its code made here: S + number) or renames, moves or closes one. Audited. */
  saveStore: action(
    z.object({
      storeId: id.optional(),
      name: plainText(20, '门店名称').pipe(z.string().min(1, '请填写门店名称')),
      address: plainText(60, '地址').default(''),
      active: z.boolean().default(true),
    }),
  ).returns<StoreSettingsView>(),
};

export type AdminContract = typeof adminContract;
