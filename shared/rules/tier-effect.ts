import type { TierDef } from './brand-settings';
import { ladder, rankForGrowth } from './tiers';

/**
 * What a change of tiers does to the members there are, before it is saved. Members are counted by
 * their tier and their rolling growth in bands whose edges are every threshold and keep threshold of
 * both the old and the new tiers, so within one band every member fares the same.
 */

export interface GrowthBand {
  tierId: string;
  /** The band's lower edge: members here have growth ≥ band and below the next edge. */
  band: number;
  members: number;
}

export interface TierMove {
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  members: number;
}

export interface TierEffect {
  /** Up at once when saved (their growth already reaches a higher tier). */
  upgrades: TierMove[];
  /** Below the new keep threshold but not the old one: down one tier at their next review because of the change. */
  reviewDowngrades: TierMove[];
  /** Tiers removed while members hold them: the change is refused. */
  removedWithMembers: Array<{ tierId: string; name: string; members: number }>;
  /** Members per tier now and once saved (before any review). */
  byTier: Array<{ tierId: string; name: string; before: number; after: number }>;
  /** Readable lines for the admin, also what is audited. */
  lines: string[];
}

export function bandEdges(before: TierDef[], after: TierDef[]): number[] {
  const edges = new Set<number>([0]);
  for (const tier of [...before, ...after]) {
    edges.add(tier.threshold);
    edges.add(tier.keepThreshold);
  }
  return [...edges].sort((a, b) => a - b);
}

function addMove(moves: TierMove[], from: TierDef, to: TierDef, members: number): void {
  const found = moves.find((m) => m.fromId === from.id && m.toId === to.id);
  if (found) found.members += members;
  else moves.push({ fromId: from.id, fromName: from.name, toId: to.id, toName: to.name, members });
}

const permilleText = (permille: number) => `${permille / 1000}倍`;

/** Readable differences of the tiers themselves (names, thresholds, multipliers, benefits). */
function definitionLines(before: TierDef[], after: TierDef[]): string[] {
  const lines: string[] = [];
  for (const tier of after) {
    const old = before.find((t) => t.id === tier.id);
    if (!old) {
      lines.push(`新增等级「${tier.name}」：升级门槛 ${tier.threshold}，保级门槛 ${tier.keepThreshold}，积分${permilleText(tier.multiplierPermille)}`);
      continue;
    }
    if (old.name !== tier.name) lines.push(`「${old.name}」改名为「${tier.name}」`);
    if (old.threshold !== tier.threshold) lines.push(`「${tier.name}」升级门槛 ${old.threshold} → ${tier.threshold}`);
    if (old.keepThreshold !== tier.keepThreshold) lines.push(`「${tier.name}」保级门槛 ${old.keepThreshold} → ${tier.keepThreshold}`);
    if (old.multiplierPermille !== tier.multiplierPermille) {
      lines.push(`「${tier.name}」积分倍率 ${permilleText(old.multiplierPermille)} → ${permilleText(tier.multiplierPermille)}：此后的消费按新倍率计分，已得积分不变`);
    }
    if (old.benefits.join('|') !== tier.benefits.join('|')) lines.push(`「${tier.name}」权益更新，会员卡立即显示新权益`);
    if (old.color !== tier.color) lines.push(`「${tier.name}」卡面颜色更新`);
  }
  for (const old of before) if (!after.some((t) => t.id === old.id)) lines.push(`删除等级「${old.name}」`);
  return lines;
}

/** Below the tier's keep threshold before the change too: the review takes them down anyway, not the change. */
function belowAlready(before: TierDef[], tierId: string, band: number): boolean {
  const old = before.find((t) => t.id === tierId);
  return old !== undefined && band < old.keepThreshold;
}

export function tierEffect(before: TierDef[], after: TierDef[], bands: GrowthBand[]): TierEffect {
  const sorted = ladder(after);
  const rank = (id: string) => sorted.findIndex((t) => t.id === id);
  const upgrades: TierMove[] = [];
  const reviewDowngrades: TierMove[] = [];
  const removed = new Map<string, number>();
  const counts = new Map<string, { before: number; after: number }>();
  const count = (id: string) => counts.get(id) ?? counts.set(id, { before: 0, after: 0 }).get(id)!;

  for (const { tierId, band, members } of bands) {
    count(tierId).before += members;
    const current = rank(tierId);
    if (current === -1) {
      removed.set(tierId, (removed.get(tierId) ?? 0) + members);
      continue;
    }
    const target = Math.max(current, rankForGrowth(sorted, band));
    count(sorted[target].id).after += members;
    if (target > current) addMove(upgrades, sorted[current], sorted[target], members);
    else if (target > 0 && band < sorted[target].keepThreshold && !belowAlready(before, sorted[target].id, band)) {
      addMove(reviewDowngrades, sorted[target], sorted[target - 1], members);
    }
  }

  const removedWithMembers = [...removed].map(([tierId, members]) => ({ tierId, name: before.find((t) => t.id === tierId)?.name ?? tierId, members }));
  const lines = definitionLines(before, after);
  for (const move of upgrades) lines.push(`${move.members} 位「${move.fromName}」会员的成长值已达新门槛，保存后升为「${move.toName}」`);
  for (const move of reviewDowngrades) lines.push(`${move.members} 位「${move.fromName}」会员低于新的保级门槛，将在下次评审时降为「${move.toName}」`);
  for (const gone of removedWithMembers) lines.push(`「${gone.name}」还有 ${gone.members} 位会员，不能删除`);
  if (!upgrades.length && !reviewDowngrades.length && !removedWithMembers.length) lines.push('现有会员的等级不受影响');
  return {
    upgrades,
    reviewDowngrades,
    removedWithMembers,
    byTier: [
      ...sorted.map((tier) => ({ tierId: tier.id, name: tier.name, before: counts.get(tier.id)?.before ?? 0, after: counts.get(tier.id)?.after ?? 0 })),
    ],
    lines,
  };
}

/**
 * The tiers whose members a save must look at again: every tier below the top when any threshold
 * moved or a tier was added (someone may now reach a higher one), and tiers whose keep threshold
 * changed (their review date moves). Names, colours, benefits and multipliers need nobody revisited.
 */
export function tiersToRevisit(before: TierDef[], after: TierDef[]): string[] {
  const ids = new Set<string>();
  const sorted = ladder(after);
  const ladderMoved = after.some((tier) => before.find((t) => t.id === tier.id)?.threshold !== tier.threshold);
  if (ladderMoved) for (const tier of sorted.slice(0, -1)) ids.add(tier.id);
  for (const id of keepThresholdChanged(before, after)) ids.add(id);
  return sorted.map((tier) => tier.id).filter((id) => ids.has(id));
}

/** Tiers whose keep threshold changed: their members' review dates move. */
export function keepThresholdChanged(before: TierDef[], after: TierDef[]): string[] {
  return after.filter((tier) => {
    const old = before.find((t) => t.id === tier.id);
    return old !== undefined && old.keepThreshold !== tier.keepThreshold;
  }).map((tier) => tier.id);
}
