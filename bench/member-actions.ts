import { performance } from 'node:perf_hooks';
import { ok, startMembershipCloud, type MembershipCloud } from '../server/testing';
import { onCleanup } from './lib/cleanup';
import { summarize } from './lib/stats';
import type { Row } from './lib/types';

const GROUP = 'member actions (real functions, local cloud)';
const RUNS = 20;
const consent = { version: '2026-11', agreed: true as const };

/**
 * Database requests each action makes (the budget that matters on CloudBase, where requests are
 * billed and each is a network round trip) and its warm latency. Requests are counted by the local
 * cloud per invocation, from the token wx-server-sdk sends.
 */
export async function benchMemberActions(): Promise<Row[]> {
  const t = await startMembershipCloud();
  onCleanup(() => t.stop());
  const memberId = ok(await t.member('bench-shopper')('join', { scene: 's=S01', consent, phone: { number: '13900000000' } })).card.memberId;
  const { token } = ok(await t.member('bench-shopper')('memberCode'));
  let order = 0;
  let joinSeq = 0;
  const actions: Array<{ name: string; fn: string; run: () => Promise<unknown> }> = [
    { name: 'member.join', fn: 'member', run: async () => ok(await t.member(`bench-new-${joinSeq}`)('join', { scene: 's=S01&c=CLK001', consent, phone: { number: `1370000${String(joinSeq++).padStart(4, '0')}` } })) },
    { name: 'member.card', fn: 'member', run: async () => ok(await t.member('bench-shopper')('card')) },
    { name: 'member.memberCode', fn: 'member', run: async () => ok(await t.member('bench-shopper')('memberCode')) },
    { name: 'member.pointsHistory', fn: 'member', run: async () => ok(await t.member('bench-shopper')('pointsHistory', { limit: 20 })) },
    {
      name: 'staff.resolveMemberCode',
      fn: 'staff',
      run: async () => ok(await t.staff('o-clerk1')('resolveMemberCode', { token })),
    },
    { name: 'staff.recordPurchase', fn: 'staff', run: async () => ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 12_800, orderNo: `B-${order++}` })) },
    { name: 'staff.recordPurchase (repeat)', fn: 'staff', run: async () => ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 12_800, orderNo: 'B-0' })) },
    { name: 'staff.voidPurchase', fn: 'staff', run: async () => ok(await t.staff('o-clerk1')('voidPurchase', { purchaseId: toVoid.pop()! })) },
  ];
  const toVoid: string[] = [];
  for (let i = 0; i <= RUNS; i++) {
    toVoid.push(ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 12_800, orderNo: `V-${i}` })).purchase.purchaseId);
  }
  const rows: Row[] = [];
  for (const action of actions) {
    await action.run(); // warm the instance and the per-instance caches
    const latencies: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await action.run();
      latencies.push(performance.now() - t0);
    }
    const [record] = await t.cloud.client.invocations({ functionName: action.fn, limit: 1 });
    const requests = Object.values(record.requests).reduce((a, b) => a + b, 0);
    const breakdown = Object.entries(record.requests)
      .map(([name, n]) => `${name.replace('database.', '')}×${n}`)
      .join(', ');
    const stats = summarize(latencies);
    rows.push({ group: GROUP, name: `${action.name}: db requests`, value: requests, unit: 'requests', note: breakdown || 'none' });
    rows.push({ group: GROUP, name: `${action.name}: latency p50`, value: stats.p50, unit: 'ms', note: `warm, ${RUNS} sequential calls via /invoke; p95 ${stats.p95.toFixed(1)} ms` });
  }
  await t.stop();
  return rows;
}
