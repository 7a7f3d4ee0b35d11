import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { DashboardContract, DashboardView } from '../../../shared/contracts/dashboard';
import type { DailyRollup } from '../../../shared/rules/rollups';
import { summarize } from '../../../shared/rules/rollups';
import { SEGMENT_LABELS } from '../../../shared/rules/segments';
import { addDaysToDayKey, addMonthsToDayKey, shanghaiDayKey } from '../../../shared/time/shanghai';
import { _, db, type Stored } from '../../../server/cloud';
import { names, storeDirectory } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { requireStaff } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { rangeCampaigns } from './campaigns';

const PAGE = 1000;
const dashed = (day: string) => `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`;

function rangeOf(input: ParsedInputOf<DashboardContract, 'overview'>, today: string): { from: string; to: string } {
  if (input.range === 'month') {
    const month = (input.month ?? dashed(today).slice(0, 7)).replace('-', '');
    const from = `${month}01`;
    const to = addDaysToDayKey(addMonthsToDayKey(from, 1), -1);
    return { from, to: to < today ? to : today };
  }
  return { from: addDaysToDayKey(today, -(Number(input.range) - 1)), to: today };
}

/**
 * The dashboard in one call and a few requests whatever the number of purchases: the caller, then the
 * daily rollups of the stores in scope for the range (one query per thousand rollups — 90 days of 11
 * stores), and the range's campaigns with their coupons' figures (two). A manager sees their store; an admin the brand, one store, and the stores side by side.
 */
export async function overview(input: ParsedInputOf<DashboardContract, 'overview'>, ctx: RequestContext): Promise<DashboardView> {
  const staff = await requireStaff(ctx.openid);
  if (staff.role === 'clerk') throw new AppError('FORBIDDEN');
  const [directory, settings] = await Promise.all([storeDirectory(), brandSettings()]);
  const active = [...directory.values()].filter((s) => s.active);
  const admin = staff.role === 'admin';
  if (input.storeId && !admin && input.storeId !== staff.storeId) throw new AppError('FORBIDDEN');
  const scope = admin ? (input.storeId ? active.filter((s) => s._id === input.storeId) : active) : active.filter((s) => s._id === staff.storeId);
  const today = shanghaiDayKey(ctx.now);
  const { from, to } = rangeOf(input, today);
  const rollups: Stored<DailyRollup>[] = [];
  for (;;) {
    const { data } = await db
      .collection<DailyRollup>(C.rollups)
      .where(_.and([{ storeId: _.in(scope.map((s) => s._id)) }, { day: _.gte(from) }, { day: _.lte(to) }]))
      .skip(rollups.length)
      .limit(PAGE)
      .get();
    rollups.push(...data);
    if (data.length < PAGE) break;
  }
  const summary = summarize(rollups, from, to);
  const snapshots = rollups.filter((r) => r.day === today && r.snapshot).map((r) => r.snapshot!);
  const staffIds = Object.keys(summary.byStaff);
  const [named, campaigns] = await Promise.all([names({ staff: staffIds }), rangeCampaigns(admin ? null : staff.storeId, from, to)]);
  const totalMembers = snapshots.reduce((n, s) => n + s.members, 0);
  const segmentCount = (key: string) => snapshots.reduce((n, s) => n + (s.segments[key] ?? 0), 0);
  const pct = (n: number) => (totalMembers ? Math.round((n * 100) / totalMembers) : 0);
  return {
    from: dashed(from),
    to: dashed(to),
    scopeName: scope.length === 1 ? scope[0].name : '全部门店',
    stores: (admin ? active : scope).map((s) => ({ id: s._id, name: s.name })),
    summary: (({ byStaff: _staff, series: _series, ...totals }) => totals)(summary),
    members: snapshots.length
      ? {
          total: totalMembers,
          activePercent: pct(segmentCount('active') + segmentCount('vip')),
          dormantPercent: pct(segmentCount('dormant')),
          segments: Object.entries(SEGMENT_LABELS).map(([key, name]) => ({ key, name, count: segmentCount(key) })),
          tiers: settings.tiers.map((tier) => ({ id: tier.id, name: tier.name, count: snapshots.reduce((n, s) => n + (s.tiers[tier.id] ?? 0), 0) })),
        }
      : null,
    series: summary.series.map((p) => ({ ...p, day: dashed(p.day) })),
    staff: staffIds
      .map((id) => ({ staffId: id, name: named.staff(id) || '已离职', salesFen: summary.byStaff[id].salesFen, newMembers: summary.byStaff[id].newMembers, tasksDone: summary.byStaff[id].tasksDone }))
      .sort((a, b) => b.salesFen - a.salesFen),
    comparison:
      admin && scope.length > 1
        ? scope.map((store) => {
            const s = summarize(rollups.filter((r) => r.storeId === store._id), from, to);
            return { storeId: store._id, storeName: store.name, salesFen: s.salesFen, purchases: s.purchases, averageTicketFen: s.averageTicketFen, newMembers: s.newMembers };
          })
        : [],
    campaigns,
  };
}
