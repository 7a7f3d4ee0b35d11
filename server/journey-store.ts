import type { BrandSettings } from '../shared/rules/brand-settings';
import { builtInJourneys, journeyProblems, type BuiltInJourney } from '../shared/rules/journeys';
import type { MemberFacts } from '../shared/rules/journey-engine';
import { db, type Stored } from './cloud';
import { withCare } from './care-fields';
import { C, type CouponTemplateDoc, type JourneyDoc, type MemberDoc } from './documents';
import { isDuplicateKey } from './errors';

/** Built-in journeys have fixed ids, so creating them is idempotent and the demo can address them. */
export function builtInId(kind: BuiltInJourney): string {
  return `builtin-${kind}`;
}

/**
 * Makes sure the built-in journeys exist. After-purchase care (its +1/+7/+30 day tasks) runs from the
 * start, as the care tasks always did; the others grant coupons and wait, paused, for an admin to
 * pick them.
 */
export async function ensureBuiltIns(now: Date): Promise<void> {
  const { data } = await db.collection<JourneyDoc>(C.journeys).where({ builtIn: db.command.neq(null) }).field({ builtIn: true }).get();
  const have = new Set(data.map((j) => j.builtIn));
  const defaults = builtInJourneys({ invitation: '', birthday: '', winBack: '', anniversary: '' });
  for (const kind of Object.keys(defaults) as BuiltInJourney[]) {
    if (have.has(kind)) continue;
    const active = kind === 'after_purchase';
    try {
      await db.collection<JourneyDoc>(C.journeys).add({
        data: {
          _id: builtInId(kind),
          definition: defaults[kind],
          builtIn: kind,
          status: active ? 'active' : 'paused',
          activeSince: active ? now : null,
          createdAt: now,
          updatedAt: now,
          updatedBy: 'system',
          requestId: null,
        },
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

/** Every journey (a brand has a handful). */
export async function allJourneys(): Promise<Stored<JourneyDoc>[]> {
  const { data } = await db.collection<JourneyDoc>(C.journeys).limit(100).get();
  return data;
}

/** Coupon templates a journey may grant (active ones), id → name. */
export async function grantableTemplates(): Promise<Map<string, string>> {
  const { data } = await db.collection<CouponTemplateDoc>(C.couponTemplates).where({ status: 'active' }).field({ name: true }).limit(1000).get();
  return new Map(data.map((t) => [t._id, t.name]));
}

export function problemsOf(journey: JourneyDoc, grantable: Map<string, string>) {
  return journeyProblems(journey.definition, new Set(grantable.keys()));
}

export function tierRanks(settings: BrandSettings): Map<string, number> {
  return new Map(settings.tiers.map((tier, index) => [tier.id, index]));
}

/** What the engine knows of a member, from the member document alone. */
export function memberFacts(stored: Stored<MemberDoc>, ranks: Map<string, number>): MemberFacts {
  const member = withCare(stored);
  const last = member.recentPurchases[0] ?? null;
  return {
    memberId: member._id,
    joinedAt: member.joinedAt,
    birthday: member.birthday,
    firstPurchaseAt: member.firstPurchaseAt ?? null,
    lastPurchase: last ? { id: last.id, at: last.at } : null,
    recentPurchaseIds: member.recentPurchases.map((p) => p.id),
    tierId: member.tierId,
    tierRank: ranks.get(member.tierId) ?? 0,
    tierSince: member.tierSince,
    tags: [...member.manualTags, ...member.autoTags],
    segment: member.segment,
    quota: member.messageQuota ?? {},
  };
}
