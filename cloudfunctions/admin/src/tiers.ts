import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { AdminContract } from '../../../shared/contracts/admin';
import type { SavedSettingsView, SettingsEffectView } from '../../../shared/contracts/settings-views';
import { tiersProblems, type BrandSettings, type TierDef } from '../../../shared/rules/brand-settings';
import { keepThresholdChanged, tierEffect, tiersToRevisit, type TierEffect } from '../../../shared/rules/tier-effect';
import { audit } from '../../../server/audit';
import type { RequestContext } from '../../../server/dispatch';
import { AppError } from '../../../server/errors';
import { requireRole } from '../../../server/roles';
import { brandSettings, saveBrandSettings } from '../../../server/settings';
import { continueTierRollout, growthBands, startTierRollout } from '../../../server/tier-rollout';
import { rejected, settingsView } from './settings';

/** The part of a save's time the pass over members may use; the every-minute automation job finishes the rest. */
const ROLLOUT_MS = 15_000;

async function effectOf(current: BrandSettings, tiers: TierDef[], now: Date): Promise<TierEffect> {
  const problems = tiersProblems(tiers);
  if (problems.length) throw new AppError('SETTINGS_REJECTED', Object.fromEntries(problems.map((p) => [p.field, p.message])));
  return tierEffect(current.tiers, tiers, await growthBands(current.tiers, tiers, current, now));
}

const view = (effect: TierEffect): SettingsEffectView => ({ lines: effect.lines, byTier: effect.byTier });

export async function previewTiers(input: ParsedInputOf<AdminContract, 'previewTiers'>, ctx: RequestContext): Promise<SettingsEffectView> {
  await requireRole(ctx.openid, ['admin']);
  return view(await effectOf(await brandSettings(), input.tiers, ctx.now));
}

export async function saveTiers(input: ParsedInputOf<AdminContract, 'saveTiers'>, ctx: RequestContext): Promise<SavedSettingsView> {
  const staff = await requireRole(ctx.openid, ['admin']);
  const current = await brandSettings();
  const effect = await effectOf(current, input.tiers, ctx.now);
  if (effect.removedWithMembers.length) {
    const fields = Object.fromEntries(effect.removedWithMembers.map((gone) => [`tiers.removed.${gone.tierId}`, `「${gone.name}」还有 ${gone.members} 位会员，不能删除`]));
    throw new AppError('TIER_HAS_MEMBERS', fields);
  }
  const saved = await saveBrandSettings({ tiers: input.tiers }, staff._id, ctx.now, rejected);
  await audit(staff, { action: 'settings_change', detail: `会员等级：${effect.lines.join('；')}` }, ctx.now);
  await startTierRollout(tiersToRevisit(current.tiers, saved.tiers), keepThresholdChanged(current.tiers, saved.tiers), ctx.now);
  const rollout = await continueTierRollout(saved, ctx.now, Date.now() + ROLLOUT_MS);
  return { settings: await settingsView(saved), effect: view(effect), rollout: { status: rollout.status, upgraded: rollout.upgraded } };
}
