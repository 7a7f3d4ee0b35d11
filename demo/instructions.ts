import path from 'node:path';
import { DEMO_OPENIDS, DEMO_STORES } from './brand';
import type { DemoSummary } from './seed';

/** What `npm start` prints: how to be a shopper and a clerk against the running local cloud. */
export function demoInstructions(url: string, summary: DemoSummary, cwd = process.cwd()): string {
  const invoke = (fn: string, openid: string, data: unknown) =>
    `curl -s -X POST ${url}/invoke/${fn} -d '${JSON.stringify({ openid, data })}'`;
  const join = {
    action: 'join',
    payload: { scene: 's=S01&c=CLK001', consent: { version: '2026-11', agreed: true }, phone: { code: 'phone:13900001234' }, profile: { name: '新顾客' } },
  };
  return [
    `demo brand: ${DEMO_STORES.map((s) => s.name).join('、')}; ${summary.members} members, ${summary.purchases} purchases${summary.seeded ? ' (just seeded)' : ''}`,
    '',
    'As a shopper (member 陈静):',
    `  ${invoke('member', DEMO_OPENIDS.shopper, { action: 'card' })}`,
    `  ${invoke('member', DEMO_OPENIDS.shopper, { action: 'memberCode' })}`,
    'Join as a new shopper from the 静安旗舰店 counter code of 李导购:',
    `  ${invoke('member', DEMO_OPENIDS.newcomer, join)}`,
    'then claim the lucky coupon in the claim centre (one per member):',
    `  ${invoke('coupons', DEMO_OPENIDS.newcomer, { action: 'claim', payload: { templateId: 'TLUCKY1', requestId: 'demo-request-0002' } })}`,
    'Her coupons; points for a coupon (a retry with the same request id is the same exchange):',
    `  ${invoke('coupons', DEMO_OPENIDS.shopper, { action: 'wallet' })}`,
    `  ${invoke('coupons', DEMO_OPENIDS.shopper, { action: 'exchange', payload: { templateId: 'TEXCH10', requestId: 'demo-request-0001' } })}`,
    'As a clerk (李导购, 静安旗舰店): scan the member code (the token above), then record a purchase:',
    `  ${invoke('staff', DEMO_OPENIDS.clerk1, { action: 'resolveMemberCode', payload: { token: '<token>' } })}`,
    `  ${invoke('staff', DEMO_OPENIDS.clerk1, { action: 'recordPurchase', payload: { memberId: 'demo-member-000', amountFen: 128000, orderNo: 'T20261123001' } })}`,
    'with a coupon: list hers for the sale, then add its id as couponIds:',
    `  ${invoke('staff', DEMO_OPENIDS.clerk1, { action: 'saleCoupons', payload: { memberId: 'demo-member-000', amountFen: 128000 } })}`,
    'As the manager (王店长): a clerk\'s sale above the ¥50,000 limit waits for confirmation:',
    `  ${invoke('staff', DEMO_OPENIDS.manager, { action: 'pendingSales' })}`,
    `  ${invoke('staff', DEMO_OPENIDS.manager, { action: 'approveSale', payload: { approvalId: '<approvalId>' } })}`,
    `Customer care as 李导购: today's follow-ups (also overdue, upcoming, closed), the customers she serves, 陈静's 360° profile (heat falling two weeks running):${summary.careJobs ? ` [${summary.careJobs}]` : ''}`,
    `  ${invoke('care', DEMO_OPENIDS.clerk1, { action: 'tasks', payload: { bucket: 'today' } })}`,
    `  ${invoke('care', DEMO_OPENIDS.clerk1, { action: 'customers', payload: { scope: 'mine', sort: 'heat' } })}`,
    `  ${invoke('care', DEMO_OPENIDS.clerk1, { action: 'profile', payload: { memberId: 'demo-member-000' } })}`,
    'close a task with what happened (it becomes an interaction on the customer):',
    `  ${invoke('care', DEMO_OPENIDS.clerk1, { action: 'completeTask', payload: { taskId: '<taskId>', status: 'done', kind: 'wechat', outcome: 'reached', note: '发了新品图' } })}`,
    `Offboard 孙导购 (${DEMO_OPENIDS.clerk3}, 静安旗舰店, with customers and open tasks) as the manager: her customers and open tasks go to the store's other clerks (spread: here 李导购); then the progress and the staff list:`,
    `  ${invoke('admin', DEMO_OPENIDS.manager, { action: 'staffList' })}`,
    `  ${invoke('admin', DEMO_OPENIDS.manager, { action: 'offboard', payload: { staffId: 'staff-clerk-3', spread: true } })}`,
    `  ${invoke('admin', DEMO_OPENIDS.manager, { action: 'handOver', payload: { staffId: 'staff-clerk-3' } })}`,
    `Automation${summary.automation ? ` [${summary.automation}]` : ''}: 陈静 accepted some subscription messages (her card lists them); the journeys, the campaign and the outbox:`,
    `  ${invoke('automation', DEMO_OPENIDS.admin, { action: 'journeys' })}`,
    `  ${invoke('automation', DEMO_OPENIDS.manager, { action: 'campaigns' })}`,
    `  curl -s ${url}/outbox     # what was "sent" to WeChat`,
    'A newcomer who joins gets the store notice 3 days later (if she subscribed) and the 新会员到店礼 coupon on day 7 unless she buys first:',
    `  ${invoke('member', DEMO_OPENIDS.newcomer, { action: 'subscribe', payload: { requestId: 'demo-subscribe-0003', accepted: ['store_notice', 'coupon_arrived'] } })}`,
    `  curl -s -X POST ${url}/clock -d '{"advance":"3d"}' && curl -s -X POST ${url}/trigger/automation-jobs`,
    `  curl -s -X POST ${url}/clock -d '{"advance":"4d"}' && curl -s -X POST ${url}/trigger/automation-jobs`,
    'The manager\'s dashboard (a year of the demo in daily rollups) and a product\'s stock in both stores:',
    `  ${invoke('dashboard', DEMO_OPENIDS.manager, { action: 'overview', payload: { range: '90' } })}`,
    `  ${invoke('stock', DEMO_OPENIDS.clerk1, { action: 'search', payload: { q: '围巾' } })}`,
    `  npm run import-products -- demo/products.csv --url ${url}   # the admin's CSV import`,
    `Other staff: ${DEMO_OPENIDS.clerk2} (赵导购, 五角场店), ${DEMO_OPENIDS.admin} (周总监, admin)`,
    `Counter QR codes (PNG, ready to print): ${path.relative(cwd, summary.counterCodesDir) || summary.counterCodesDir}/ (${summary.counterCodes.length} files)`,
    `Move the clock: curl -s -X POST ${url}/clock -d '{"advance":"90d"}'   Run the daily jobs: curl -s -X POST ${url}/trigger/member-jobs   the hourly care jobs: curl -s -X POST ${url}/trigger/care-jobs`,
  ].join('\n');
}
