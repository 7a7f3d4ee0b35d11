import { z } from 'zod';
import { action } from './action';
import { id } from './fields';
import type { RangeSummary } from '../rules/rollups';

export interface DashboardSeriesPoint {
  /** YYYY-MM-DD */
  day: string;
  purchases: number;
  salesFen: number;
  newMembers: number;
}

export interface DashboardView {
  /** YYYY-MM-DD, Shanghai, both included. */
  from: string;
  to: string;
  /** 静安旗舰店 / 全部门店 */
  scopeName: string;
  /** Stores an admin can pick (managers: theirs only). */
  stores: Array<{ id: string; name: string }>;
  /** The range summed (shared/rules/rollups.ts summarize), without its per-clerk and per-day parts. */
  summary: Omit<RangeSummary, 'byStaff' | 'series'>;
  /** As of the latest refresh today (null before the first one). */
  members: {
    total: number;
    activePercent: number;
    dormantPercent: number;
    segments: Array<{ key: string; name: string; count: number }>;
    tiers: Array<{ id: string; name: string; count: number }>;
  } | null;
  series: DashboardSeriesPoint[];
  /** Per clerk over the range: sales rung up, new members invited, tasks done. */
  staff: Array<{ staffId: string; name: string; salesFen: number; newMembers: number; tasksDone: number }>;
  /** Admins, all stores: each store over the range. */
  comparison: Array<{ storeId: string; storeName: string; salesFen: number; purchases: number; averageTicketFen: number; newMembers: number }>;
  /** Campaigns sent in the range (a manager's: their store's), newest first: coupons granted, redeemed, the sales with them. */
  campaigns: Array<{ id: string; name: string; sentAt: string; granted: number; redeemed: number; redemptionPercent: number; salesFen: number }>;
}

/** The `dashboard` function: a manager's store, an admin's brand (or one store), from the daily rollups. */
export const dashboardContract = {
  overview: action(
    z
      .object({
        /** The last 7, 30 or 90 days up to today, or a calendar month (`month`: YYYY-MM). */
        range: z.enum(['7', '30', '90', 'month'], '请选择时间范围').default('30'),
        month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '请选择月份').optional(),
        storeId: id.optional(),
      })
      .default({ range: '30' }),
  ).returns<DashboardView>(),
};

export type DashboardContract = typeof dashboardContract;
