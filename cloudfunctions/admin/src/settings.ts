import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { AdminContract } from '../../../shared/contracts/admin';
import type { PointsRules, SavedSettingsView, SettingsEffectView, SettingsView } from '../../../shared/contracts/settings-views';
import type { BrandSettings } from '../../../shared/rules/brand-settings';
import { pointsRulesEffect } from '../../../shared/rules/points-rules';
import { audit } from '../../../server/audit';
import { _, db } from '../../../server/cloud';
import type { RequestContext } from '../../../server/dispatch';
import { C, type MemberDoc, type StaffDoc, type StoreDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { requireRole } from '../../../server/roles';
import { brandSettings, saveBrandSettings } from '../../../server/settings';
import { getById } from '../../../server/queries';

/** Problems from the settings rules ("field: message" or plain) as a form's field errors. */
export function rejected(problems: string[]): never {
  const fields: Record<string, string> = {};
  for (const problem of problems) {
    const match = /^([\w.]+): (.*)$/.exec(problem);
    const [field, message] = match ? [match[1], match[2]] : ['settings', problem];
    fields[field] = fields[field] ? `${fields[field]}；${message}` : message;
  }
  throw new AppError('SETTINGS_REJECTED', fields);
}

export async function settingsView(settings: BrandSettings): Promise<SettingsView> {
  const [stores, staff, tiers, stored] = await Promise.all([
    db.collection<StoreDoc>(C.stores).orderBy('_id', 'asc').limit(1000).get(),
    db.collection<StaffDoc>(C.staff).aggregate().match({ status: 'active' }).group({ _id: '$storeId', n: _.aggregate.sum(1) }).end(),
    db.collection<MemberDoc>(C.members).aggregate().group({ _id: '$tierId', n: _.aggregate.sum(1) }).end(),
    getById<{ updatedAt?: Date }>(C.settings, 'brand'),
  ]);
  const staffByStore = new Map((staff.list as Array<{ _id: string; n: number }>).map((row) => [row._id, row.n]));
  const membersByTier = new Map((tiers.list as Array<{ _id: string; n: number }>).map((row) => [row._id, row.n]));
  return {
    brandName: settings.brandName,
    privacyVersion: settings.privacyVersion,
    referralRewardPoints: settings.referralRewardPoints,
    points: { pointsPerYuan: settings.pointsPerYuan, pointsExpiryYears: settings.pointsExpiryYears, welcomePoints: settings.welcomePoints },
    tiers: settings.tiers,
    membersByTier: settings.tiers.map((tier) => ({ tierId: tier.id, members: membersByTier.get(tier.id) ?? 0 })),
    stores: stores.data.map((store) => ({ storeId: store._id, name: store.name, address: store.address, active: store.active, staff: staffByStore.get(store._id) ?? 0 })),
    updatedAt: stored?.updatedAt ? stored.updatedAt.toISOString() : null,
  };
}

export async function settings(_input: unknown, ctx: RequestContext): Promise<SettingsView> {
  await requireRole(ctx.openid, ['admin']);
  return settingsView(await brandSettings());
}

async function pointsEffect(current: BrandSettings, next: PointsRules): Promise<SettingsEffectView> {
  const { list } = await db.collection<MemberDoc>(C.members).aggregate().match({ pointsBalance: _.gt(0) }).group({ _id: null, members: _.aggregate.sum(1), points: _.aggregate.sum('$pointsBalance') }).end();
  const holders = (list as Array<{ members: number; points: number }>)[0] ?? { members: 0, points: 0 };
  return { lines: pointsRulesEffect(current, next, holders), byTier: [] };
}

export async function previewPointsRules(input: ParsedInputOf<AdminContract, 'previewPointsRules'>, ctx: RequestContext): Promise<SettingsEffectView> {
  await requireRole(ctx.openid, ['admin']);
  return pointsEffect(await brandSettings(), input);
}

export async function savePointsRules(input: ParsedInputOf<AdminContract, 'savePointsRules'>, ctx: RequestContext): Promise<SavedSettingsView> {
  const staff = await requireRole(ctx.openid, ['admin']);
  const current = await brandSettings();
  const effect = await pointsEffect(current, input);
  const saved = await saveBrandSettings(input, staff._id, ctx.now, rejected);
  await audit(staff, { action: 'settings_change', detail: `积分规则：${effect.lines.join('；')}` }, ctx.now);
  return { settings: await settingsView(saved), effect, rollout: { status: 'idle', upgraded: 0 } };
}

export async function saveBrand(input: ParsedInputOf<AdminContract, 'saveBrand'>, ctx: RequestContext): Promise<SettingsView> {
  const staff = await requireRole(ctx.openid, ['admin']);
  const current = await brandSettings();
  const saved = await saveBrandSettings(input, staff._id, ctx.now, rejected);
  const changes = [
    current.brandName !== saved.brandName ? `品牌名称 ${current.brandName} → ${saved.brandName}` : '',
    current.privacyVersion !== saved.privacyVersion ? `隐私政策版本 ${current.privacyVersion} → ${saved.privacyVersion}` : '',
    current.referralRewardPoints !== saved.referralRewardPoints ? `邀请奖励 ${current.referralRewardPoints} → ${saved.referralRewardPoints} 积分` : '',
  ].filter(Boolean);
  if (changes.length) await audit(staff, { action: 'settings_change', detail: changes.join('；') }, ctx.now);
  return settingsView(saved);
}
