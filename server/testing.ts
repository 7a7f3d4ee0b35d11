/**
 * Integration-test support: the project's real functions on a fresh local cloud, a small seeded brand
 * (two stores, an admin, a manager, clerks), and typed callers that speak each function's contract.
 */
import path from 'node:path';
import type { ActionName, Contract, InputOf, OutputOf } from '../shared/contracts/action';
import type { AdminContract } from '../shared/contracts/admin';
import type { AutomationContract } from '../shared/contracts/automation';
import type { CareContract } from '../shared/contracts/care';
import type { DashboardContract } from '../shared/contracts/dashboard';
import type { StockContract } from '../shared/contracts/stock';
import type { CouponsContract } from '../shared/contracts/coupons';
import type { ActionResult } from '../shared/contracts/errors';
import type { MemberContract } from '../shared/contracts/member';
import type { StaffContract } from '../shared/contracts/staff';
import { connectSdk, startTestCloud, type TestCloud } from '../emulator/testing';
import { buildFunctions } from '../scripts/lib/build-functions';
import type { StaffDoc, StoreDoc } from './documents';

const FUNCTIONS = path.resolve(__dirname, '../cloudfunctions');

export const TEST_STORES: Array<StoreDoc & { _id: string }> = [
  { _id: 'S01', name: '旗舰店', address: '上海市静安区南京西路1号', active: true },
  { _id: 'S02', name: '万达店', address: '上海市杨浦区国宾路2号', active: true },
  { _id: 'S09', name: '已关闭门店', address: '', active: false },
];

export const TEST_STAFF: Array<StaffDoc & { _id: string }> = [
  staff('st-admin', 'o-admin', 'ADMIN1', '总部管理员', 'admin', 'S01'),
  staff('st-manager', 'o-manager', 'MGR001', '王店长', 'manager', 'S01'),
  staff('st-clerk1', 'o-clerk1', 'CLK001', '李导购', 'clerk', 'S01'),
  staff('st-clerk2', 'o-clerk2', 'CLK002', '赵导购', 'clerk', 'S02'),
  { ...staff('st-gone', 'o-gone', 'GONE01', '离职导购', 'clerk', 'S01'), status: 'disabled' },
];

function staff(id: string, openid: string, code: string, name: string, role: StaffDoc['role'], storeId: string): StaffDoc & { _id: string } {
  return { _id: id, openid, code, name, role, storeId, status: 'active', inviteCode: `SEED${code}`.slice(0, 8), boundAt: new Date('2026-01-01T00:00:00Z') };
}

type Caller<C extends Contract> = <A extends ActionName<C>>(action: A, payload?: InputOf<C, A>) => Promise<ActionResult<OutputOf<C, A>>>;

export interface MembershipCloud {
  cloud: TestCloud;
  db: ReturnType<ReturnType<typeof connectSdk>['database']>;
  member(openid: string): Caller<MemberContract>;
  staff(openid: string): Caller<StaffContract>;
  admin(openid: string): Caller<AdminContract>;
  coupons(openid: string): Caller<CouponsContract>;
  care(openid: string): Caller<CareContract>;
  automation(openid: string): Caller<AutomationContract>;
  dashboard(openid: string): Caller<DashboardContract>;
  stock(openid: string): Caller<StockContract>;
  stop(): Promise<void>;
}

let built: Promise<unknown> | undefined;

export async function startMembershipCloud(options: { triggers?: boolean } = {}): Promise<MembershipCloud> {
  built ??= buildFunctions(FUNCTIONS);
  await built;
  const cloud = await startTestCloud({ functionsRoot: FUNCTIONS, triggers: options.triggers });
  const db = connectSdk(cloud.adminUrl).database();
  await db.collection('stores').add({ data: TEST_STORES as never });
  await db.collection('staff').add({ data: TEST_STAFF as never });
  const caller =
    <C extends Contract>(fn: string) =>
    (openid: string): Caller<C> =>
    (action, payload) =>
      cloud.client.invoke(fn, { openid }, { action, payload: payload ?? {} });
  return {
    cloud,
    db,
    member: caller<MemberContract>('member'),
    staff: caller<StaffContract>('staff'),
    admin: caller<AdminContract>('admin'),
    coupons: caller<CouponsContract>('coupons'),
    care: caller<CareContract>('care'),
    automation: caller<AutomationContract>('automation'),
    dashboard: caller<DashboardContract>('dashboard'),
    stock: caller<StockContract>('stock'),
    stop: () => cloud.stop(),
  };
}

/** The consent a shopper gives on the join page, for tests. */
export const TEST_CONSENT = { version: '2026-11', agreed: true as const };

/**
 * One fresh membership cloud for a test file: started before its tests, stopped after them. The
 * returned object forwards to the running cloud, so tests read `t.member(...)` as with a plain value.
 */
export function useMembershipCloud(options: { triggers?: boolean } = {}): MembershipCloud {
  let current: MembershipCloud | undefined;
  beforeAll(async () => {
    current = await startMembershipCloud(options);
  }, 60_000);
  afterAll(async () => {
    await current?.stop();
  });
  return new Proxy({} as MembershipCloud, {
    get(_target, key) {
      if (!current) throw new Error('the membership cloud is used outside a test');
      return current[key as keyof MembershipCloud];
    },
  });
}

/** The sum of a member's points ledger: the balance on the member document must always equal it. */
export async function ledgerSum(t: Pick<MembershipCloud, 'db'>, memberId: string): Promise<number> {
  const { list } = (await t.db
    .collection('points_ledger')
    .aggregate()
    .match({ memberId })
    .group({ _id: null, total: t.db.command.aggregate.sum('$points') })
    .end()) as { list: Array<{ total: number }> };
  return list[0]?.total ?? 0;
}

/** The data of a successful result; a failed one fails the test with its code. */
export function ok<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

export function failed<T>(result: ActionResult<T>): string {
  if (result.ok) throw new Error('expected a failure, got ok');
  return result.error.code;
}
