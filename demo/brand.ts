import type { StaffDoc, StoreDoc } from '../server/documents';

/** The demo brand `npm start` seeds: who is who, so the printed examples can name them. */
export const DEMO_STORES: Array<StoreDoc & { _id: string }> = [
  { _id: 'S01', name: '静安旗舰店', address: '上海市静安区南京西路1266号', active: true },
  { _id: 'S02', name: '五角场店', address: '上海市杨浦区淞沪路8号', active: true },
];

export const DEMO_OPENIDS = {
  admin: 'demo-admin',
  manager: 'demo-manager',
  clerk1: 'demo-clerk-1',
  clerk2: 'demo-clerk-2',
  /** 静安旗舰店's third clerk, with customers and open tasks: the one to offboard. */
  clerk3: 'demo-clerk-3',
  /** A member with a year of history. */
  shopper: 'demo-shopper',
  /** Not a member yet: try joining with it. */
  newcomer: 'demo-newcomer',
} as const;

const boundAt = new Date('2025-09-01T02:00:00Z');

export const DEMO_STAFF: Array<StaffDoc & { _id: string }> = [
  { _id: 'staff-admin', openid: DEMO_OPENIDS.admin, code: 'HQ0001', name: '周总监', role: 'admin', storeId: 'S01', status: 'active', inviteCode: 'DEMOADM1', boundAt },
  { _id: 'staff-manager', openid: DEMO_OPENIDS.manager, code: 'MGR001', name: '王店长', role: 'manager', storeId: 'S01', status: 'active', inviteCode: 'DEMOMGR1', boundAt },
  { _id: 'staff-clerk-1', openid: DEMO_OPENIDS.clerk1, code: 'CLK001', name: '李导购', role: 'clerk', storeId: 'S01', status: 'active', inviteCode: 'DEMOCLK1', boundAt },
  { _id: 'staff-clerk-3', openid: DEMO_OPENIDS.clerk3, code: 'CLK003', name: '孙导购', role: 'clerk', storeId: 'S01', status: 'active', inviteCode: 'DEMOCLK3', boundAt },
  { _id: 'staff-clerk-2', openid: DEMO_OPENIDS.clerk2, code: 'CLK002', name: '赵导购', role: 'clerk', storeId: 'S02', status: 'active', inviteCode: 'DEMOCLK2', boundAt },
];
