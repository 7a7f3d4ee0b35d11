import type { HeatView } from '../shared/contracts/care-views';
import { spendInLast12Months } from '../shared/rules/care-stats';
import { heatIndex, heatSummary, heatTrend, heatWeekKey, type HeatInputs } from '../shared/rules/heat';
import type { MemberWithCare } from './care-fields';

const DAY_MS = 86_400_000;

function within(dates: Date[], days: number, now: Date): number {
  return dates.filter((date) => now.getTime() - date.getTime() <= days * DAY_MS).length;
}

/** The heat index's inputs for a member now: one definition for the nightly pass and the profile. */
export function heatInputsOf(member: MemberWithCare, spendReferenceFen: number, now: Date): HeatInputs {
  return {
    daysSinceLastPurchase: member.lastPurchaseAt ? Math.max(0, Math.floor((now.getTime() - member.lastPurchaseAt.getTime()) / DAY_MS)) : null,
    purchases90: within(member.recentPurchases.map((p) => p.at), 90, now),
    spend12mFen: spendInLast12Months(member.spendMonths, now),
    interactions90: within(member.recentInteractions, 90, now),
    couponUses: member.couponPurchaseCount,
    spendReferenceFen,
  };
}

/** The profile's heat: scored now (so the parts add up to it), with the weekly trend kept by the nightly pass. */
export function heatView(member: MemberWithCare, spendReferenceFen: number, now: Date): HeatView {
  const { score, parts } = heatIndex(heatInputsOf(member, spendReferenceFen, now));
  const trend = heatTrend({ ...member.heatWeeks, [heatWeekKey(now)]: score }, now);
  return { score, trend, parts, summary: heatSummary(score, trend, parts) };
}
