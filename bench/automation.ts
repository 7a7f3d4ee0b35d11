import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { InvocationRecord } from '../emulator/functions/runtime';
import { ok, type MembershipCloud } from '../server/testing';
import { BENCH_TEMPLATE, type AutomationFacts, type AutomationSeed } from './lib/automation-brand';
import { startSeededCloud } from './lib/care-cloud';
import { cleanupAll } from './lib/cleanup';
import { renderTable } from './lib/report';
import type { Row } from './lib/types';

const GROUP = 'automation (real functions, 100 000 members, local cloud)';
const ENTRY = path.join(__dirname, 'lib/automation-cloud-entry.ts');
const MEMBERS = 100_000;
const SEEDED_MESSAGES = 5_000;
/** Timer runs measured per part; the runs a whole job needs are worked out from their rate. */
const RUNS = 3;
/**
 * 22:00 Beijing: quiet hours, so the journey's messages and the seeded ones wait and the tick runs
 * alone; at 09:00 the sender has the run to itself; at 10:00 the campaign.
 */
const TICK_AT = '2026-12-09T22:00:00+08:00';
const SEND_AT = '2026-12-10T09:00:30+08:00';
const CAMPAIGN_AT = '2026-12-10T10:00:00+08:00';

type Part = { ms: number } & Record<string, unknown>;
interface JobResult {
  tick: Part & { advanced: number; steps: number };
  campaigns: Part & { reached: number };
  messages: Part & { sent: number };
}

function progress(text: string): void {
  if (process.env.BENCH_VERBOSE) process.stderr.write(`  automation: ${text} (${(performance.now() / 1000).toFixed(1)} s)\n`);
}

const requestsOf = (record: InvocationRecord) => Object.values(record.requests).reduce((n, x) => n + x, 0);

/** Triggers the job `runs` times; answers each run's result with the database requests it made. */
async function runJob(t: MembershipCloud, runs: number): Promise<Array<{ result: JobResult; requests: number }>> {
  const out: Array<{ result: JobResult; requests: number }> = [];
  for (let i = 0; i < runs; i++) {
    const result = await t.cloud.client.trigger<JobResult>('automation-jobs');
    const [record] = await t.cloud.client.invocations({ functionName: 'automation-jobs', limit: 1 });
    out.push({ result, requests: requestsOf(record) });
    progress(`run ${i + 1}: tick ${result.tick.advanced}, campaign ${result.campaigns.reached}, sent ${result.messages.sent}`);
  }
  return out;
}

const total = (runs: Array<{ result: JobResult }>, pick: (r: JobResult) => number) => runs.reduce((sum, r) => sum + pick(r.result), 0);

/**
 * The every-minute automation job on a 100 000-member brand: the journey tick over 100 000 due
 * enrollments (message, task and tag steps), the outbox sender, a campaign to every member. Each is
 * measured over a few real timer runs (45 s of work each); the runs a whole job needs follow from the
 * rate. Figures only: nothing here asserts a time.
 */
export async function benchAutomation(): Promise<Row[]> {
  const rows: Row[] = [];
  const seeded = performance.now();
  const request: AutomationSeed = { count: MEMBERS, now: TICK_AT, messages: SEEDED_MESSAGES };
  const { t, facts } = await startSeededCloud<AutomationFacts>('automation', ENTRY, ['--automation-seed', JSON.stringify(request)]);
  rows.push({ group: GROUP, name: 'setup: brand, journey enrollments and messages seeded', value: (performance.now() - seeded) / 1000, unit: 's', note: `${facts.members} members (${facts.withQuota} with acceptances), ${facts.enrollments} enrollments due, ${facts.messages} pending messages` });

  await t.cloud.client.setClock(TICK_AT);
  const tick = await runJob(t, RUNS);
  const advanced = total(tick, (r) => r.tick.advanced);
  const steps = total(tick, (r) => r.tick.steps);
  const tickMs = total(tick, (r) => r.tick.ms);
  const tickRequests = tick.reduce((sum, r) => sum + r.requests, 0);
  rows.push(
    { group: GROUP, name: 'journey tick: enrollments per second', value: advanced / (tickMs / 1000), unit: '/s', note: `${advanced} enrollments, ${steps} steps (message, task, tag, then the 7-day wait) in ${RUNS} runs of the job` },
    { group: GROUP, name: 'journey tick: runs for 100 000 due enrollments', value: Math.ceil(facts.enrollments / (advanced / RUNS)), unit: 'runs', note: `at ${Math.round(advanced / RUNS)} per run (27 s share of a 45 s budget); one run a minute` },
    { group: GROUP, name: 'journey tick: database requests per step', value: tickRequests / steps, unit: 'req', note: `${(tickRequests / advanced).toFixed(1)} per enrollment: claim, 3 keyed effects, their step records, the save at the wait; page queries shared` },
  );

  // The tick's other due enrollments are set aside (outside the figures): the sender runs alone next.
  await t.db.collection('journey_enrollments').where({ wakeAt: t.db.command.lte(new Date(TICK_AT)) }).update({ data: { status: 'paused', wakeAt: null } });
  await t.cloud.client.setClock(SEND_AT);
  const send = await runJob(t, RUNS);
  const sent = total(send, (r) => r.messages.sent);
  const sendMs = total(send, (r) => r.messages.ms);
  const sendRequests = send.reduce((sum, r) => sum + r.requests, 0);
  rows.push(
    { group: GROUP, name: 'outbox sender: messages per second', value: sent / (sendMs / 1000), unit: '/s', note: `${sent} sent in ${RUNS} runs (held for quiet hours, then the seeded points messages); claim and settle transactions around each send` },
    { group: GROUP, name: 'outbox sender: database requests per message', value: sendRequests / Math.max(sent, 1), unit: 'req', note: 'claim (message, member, quota, ledger, lease) and settle; whole runs counted' },
  );

  await t.cloud.client.setClock(CAMPAIGN_AT);
  const audience = { segments: [], tierIds: [], tags: [], storeIds: [] };
  const count = ok(await t.automation('o-st-admin')('audienceCount', { audience }));
  const [countRecord] = await t.cloud.client.invocations({ functionName: 'automation', limit: 1 });
  ok(await t.automation('o-st-admin')('createCampaign', { name: '压测回馈', audience, couponTemplateId: BENCH_TEMPLATE, notify: true, fallbackTasks: false, sendAt: null, requestId: 'bench-campaign-01' }));
  const campaign = await runJob(t, RUNS);
  const reached = total(campaign, (r) => r.campaigns.reached);
  const campaignMs = total(campaign, (r) => r.campaigns.ms);
  const campaignRequests = campaign.reduce((sum, r) => sum + r.requests, 0);
  rows.push(
    { group: GROUP, name: 'campaign: audience count (live)', value: requestsOf(countRecord), unit: 'req', note: `${count.count} members, ${count.withQuota} with a coupon-notice acceptance: two counts and the caller` },
    { group: GROUP, name: 'campaign: members per second', value: reached / (campaignMs / 1000), unit: '/s', note: `${reached} members granted in ${RUNS} runs (notified where they accepted)` },
    { group: GROUP, name: 'campaign: runs for 100 000 members', value: Math.ceil(count.count / (reached / RUNS)), unit: 'runs', note: `at ${Math.round(reached / RUNS)} per run; exactly once per member across runs (grant keys)` },
    { group: GROUP, name: 'campaign: database requests per member', value: campaignRequests / Math.max(reached, 1), unit: 'req', note: 'coupon insert, stock, activation, message; whole runs counted (incl. the sender)' },
  );
  return rows;
}

if (require.main === module) {
  benchAutomation()
    .then((rows) => console.log(renderTable(rows)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(cleanupAll);
}
