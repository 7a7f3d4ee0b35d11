import { ok, startMembershipCloud } from '../server/testing';
import { onCleanup } from './lib/cleanup';
import { measureActions, type BenchAction } from './lib/actions';
import type { Row } from './lib/types';

const GROUP = 'member actions (real functions, local cloud)';
const RUNS = 20;
const consent = { version: '2026-11', agreed: true as const };

/** Budgets from the hardening issue: database requests per action on a warm instance. */
const TARGETS: Record<string, number> = {
  'member.join': 5,
  'staff.recordPurchase': 6,
  'staff.voidPurchase': 7,
  'staff.resolveMemberCode': 3,
};

/**
 * Database requests each action makes (the budget that matters on CloudBase, where requests are
 * billed and each is a network round trip) and its warm latency. Requests are counted by the local
 * cloud per invocation, from the token wx-server-sdk sends; transaction start/commit are counted with
 * them and also shown apart, since they are round trips but carry no data.
 */
export async function benchMemberActions(): Promise<Row[]> {
  const t = await startMembershipCloud();
  onCleanup(() => t.stop());
  const memberId = ok(await t.member('bench-shopper')('join', { scene: 's=S01', consent, phone: { number: '13900000000' } })).card.memberId;
  let order = 0;
  let joinSeq = 0;
  let code = ok(await t.member('bench-shopper')('memberCode'));
  const old: string[] = [];
  const toVoid: string[] = [];
  const record = async (prefix: string, into: string[]) => {
    for (let i = 0; i <= RUNS; i++) into.push(ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 12_800, orderNo: `${prefix}-${i}` })).purchase.purchaseId);
  };
  // Voids take purchases made just before (still on the member's recent list) or long before (not any more).
  await record('O', old);
  const actions: BenchAction[] = [
    { name: 'member.join', fn: 'member', run: async () => ok(await t.member(`bench-new-${joinSeq}`)('join', { scene: 's=S01&c=CLK001', consent, phone: { number: `1370000${String(joinSeq++).padStart(4, '0')}` } })) },
    { name: 'member.join (already a member)', fn: 'member', run: async () => ok(await t.member('bench-shopper')('join', { scene: 's=S01', consent, phone: { number: '13900000000' } })) },
    { name: 'member.card', fn: 'member', run: async () => ok(await t.member('bench-shopper')('card')) },
    { name: 'member.memberCode', fn: 'member', run: async () => (code = ok(await t.member('bench-shopper')('memberCode'))) },
    { name: 'member.pointsHistory', fn: 'member', run: async () => ok(await t.member('bench-shopper')('pointsHistory', { limit: 20 })) },
    { name: 'staff.resolveMemberCode', fn: 'staff', run: async () => ok(await t.staff('o-clerk1')('resolveMemberCode', { token: code.token })) },
    { name: 'staff.resolveMemberCode (barcode digits)', fn: 'staff', run: async () => ok(await t.staff('o-clerk1')('resolveMemberCode', { token: code.tillCode })) },
    { name: 'staff.recordPurchase', fn: 'staff', run: async () => ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 12_800, orderNo: `B-${order++}` })) },
    { name: 'staff.recordPurchase (repeat)', fn: 'staff', run: async () => ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 12_800, orderNo: 'B-0' })) },
    { name: 'staff.voidPurchase', fn: 'staff', prepare: () => record('V', toVoid), run: async () => ok(await t.staff('o-clerk1')('voidPurchase', { purchaseId: toVoid.pop()!, memberId })) },
    { name: 'staff.voidPurchase (an older purchase, no member given)', fn: 'staff', run: async () => ok(await t.staff('o-clerk1')('voidPurchase', { purchaseId: old.pop()! })) },
  ];
  const rows = await measureActions(t, GROUP, actions, TARGETS, RUNS);
  await t.stop();
  return rows;
}
