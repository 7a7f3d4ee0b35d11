import { addDaysToDayKey } from '../time/shanghai';

/**
 * Daily rollups: one document per store and Shanghai day with what the dashboard shows, so a 90-day
 * view reads 90 small documents per store, never the purchases. Built from the day's raw records by a
 * pure function — the job that writes them and the test that rebuilds them use the same one — and
 * summed over a range by another.
 */
export interface StaffDay {
  purchases: number;
  salesFen: number;
  newMembers: number;
  tasksDone: number;
}

export interface RollupSnapshot {
  /** Members of the store (home store) at the time of the snapshot. */
  members: number;
  segments: Record<string, number>;
  tiers: Record<string, number>;
}

export interface DailyRollup {
  storeId: string;
  /** YYYYMMDD, Shanghai */
  day: string;
  /** Valid purchases rung up at the store that day (voided ones leave). */
  purchases: number;
  /** What they paid, after coupons. */
  salesFen: number;
  discountFen: number;
  /** Purchases that were not the member's first. */
  repeatPurchases: number;
  /** Members who bought that day (distinct). */
  buyers: number;
  newMembers: number;
  couponsUsed: number;
  /** Paid on the purchases that used a coupon. */
  couponSalesFen: number;
  tasksDone: number;
  tasksClosed: number;
  byStaff: Record<string, StaffDay>;
  /** Store-wide counts as they stood when the day was last computed (the current day's is today's). */
  snapshot: RollupSnapshot | null;
}

export interface RollupPurchase {
  memberId: string;
  staffId: string;
  paidFen: number;
  discountFen: number;
  couponCount: number;
  /** The member's first visit (firstPurchaseAt: a void of it does not make the next one first). */
  first: boolean;
}

export interface RollupInputs {
  purchases: RollupPurchase[];
  /** Members who joined at the store that day, with who invited them. */
  joined: Array<{ inviterStaffId: string | null }>;
  /** Tasks of the store closed that day: who closed them and whether done. */
  tasks: Array<{ closedBy: string | null; done: boolean }>;
}

function staffDay(byStaff: Record<string, StaffDay>, staffId: string): StaffDay {
  return (byStaff[staffId] ??= { purchases: 0, salesFen: 0, newMembers: 0, tasksDone: 0 });
}

export function buildRollup(storeId: string, day: string, inputs: RollupInputs, snapshot: RollupSnapshot | null): DailyRollup {
  const byStaff: Record<string, StaffDay> = {};
  let salesFen = 0;
  let discountFen = 0;
  let couponSalesFen = 0;
  let couponsUsed = 0;
  let repeatPurchases = 0;
  for (const p of inputs.purchases) {
    salesFen += p.paidFen;
    discountFen += p.discountFen;
    couponsUsed += p.couponCount;
    if (p.couponCount > 0) couponSalesFen += p.paidFen;
    if (!p.first) repeatPurchases++;
    const s = staffDay(byStaff, p.staffId);
    s.purchases++;
    s.salesFen += p.paidFen;
  }
  for (const m of inputs.joined) if (m.inviterStaffId) staffDay(byStaff, m.inviterStaffId).newMembers++;
  let tasksDone = 0;
  for (const t of inputs.tasks) {
    if (!t.done) continue;
    tasksDone++;
    if (t.closedBy) staffDay(byStaff, t.closedBy).tasksDone++;
  }
  return {
    storeId,
    day,
    purchases: inputs.purchases.length,
    salesFen,
    discountFen,
    repeatPurchases,
    buyers: new Set(inputs.purchases.map((p) => p.memberId)).size,
    newMembers: inputs.joined.length,
    couponsUsed,
    couponSalesFen,
    tasksDone,
    tasksClosed: inputs.tasks.length,
    byStaff,
    snapshot,
  };
}

export interface RangeSummary {
  purchases: number;
  salesFen: number;
  /** 客单价: paid per purchase, fen (0 without purchases). */
  averageTicketFen: number;
  /** Share of purchases that were repeat purchases, whole percent. */
  repurchasePercent: number;
  newMembers: number;
  couponsUsed: number;
  /** Share of sales made with a coupon, whole percent. */
  couponSalesPercent: number;
  tasksDone: number;
  /** Done of closed, whole percent. */
  taskCompletionPercent: number;
  byStaff: Record<string, StaffDay>;
  /** Day by day, every day of the range (days without a rollup are zeros). */
  series: Array<{ day: string; purchases: number; salesFen: number; newMembers: number }>;
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part * 100) / whole) : 0);

/** The days from `from` to `to` (YYYYMMDD, both included). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDaysToDayKey(day, 1)) days.push(day);
  return days;
}

/** Sums rollups (any stores) over the days from `from` to `to`. */
export function summarize(rollups: DailyRollup[], from: string, to: string): RangeSummary {
  const inRange = rollups.filter((r) => r.day >= from && r.day <= to);
  const sum = (pick: (r: DailyRollup) => number) => inRange.reduce((n, r) => n + pick(r), 0);
  const purchases = sum((r) => r.purchases);
  const salesFen = sum((r) => r.salesFen);
  const tasksDone = sum((r) => r.tasksDone);
  const byStaff: Record<string, StaffDay> = {};
  for (const r of inRange) {
    for (const [staffId, s] of Object.entries(r.byStaff)) {
      const total = staffDay(byStaff, staffId);
      total.purchases += s.purchases;
      total.salesFen += s.salesFen;
      total.newMembers += s.newMembers;
      total.tasksDone += s.tasksDone;
    }
  }
  const byDay = new Map<string, { purchases: number; salesFen: number; newMembers: number }>();
  for (const r of inRange) {
    const d = byDay.get(r.day) ?? { purchases: 0, salesFen: 0, newMembers: 0 };
    d.purchases += r.purchases;
    d.salesFen += r.salesFen;
    d.newMembers += r.newMembers;
    byDay.set(r.day, d);
  }
  return {
    purchases,
    salesFen,
    averageTicketFen: purchases ? Math.round(salesFen / purchases) : 0,
    repurchasePercent: percent(sum((r) => r.repeatPurchases), purchases),
    newMembers: sum((r) => r.newMembers),
    couponsUsed: sum((r) => r.couponsUsed),
    couponSalesPercent: percent(sum((r) => r.couponSalesFen), salesFen),
    tasksDone,
    taskCompletionPercent: percent(tasksDone, sum((r) => r.tasksClosed)),
    byStaff,
    series: daysBetween(from, to).map((day) => ({ day, ...(byDay.get(day) ?? { purchases: 0, salesFen: 0, newMembers: 0 }) })),
  };
}
