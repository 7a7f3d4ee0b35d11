import fs from 'node:fs';
import path from 'node:path';
import type { LocalCloud } from '../emulator/local-cloud';
import type { Doc } from '../emulator/db/ejson';
import { DEMO_OPENIDS, DEMO_STAFF, DEMO_STORES } from './brand';
import { generateDemo } from './generate';
import { demoRollups } from './rollups';
import { importDemoProducts, setUpAutomation } from './automation';
import { writeCounterCodes } from './counter-codes';

export interface DemoSummary {
  seeded: boolean;
  members: number;
  purchases: number;
  /** What the first care-jobs run did (just seeded), or why it could not run. */
  careJobs?: string;
  /** What switching the automation on did. */
  automation?: string;
  counterCodesDir: string;
  counterCodes: string[];
}

/** Seeds the demo brand into an empty local cloud (no stores yet), then writes the counter QR PNGs. */
export async function seedDemoIfEmpty(cloud: LocalCloud): Promise<DemoSummary> {
  const counterCodesDir = path.join(cloud.options.dataDir, 'counter-codes');
  if (cloud.db.count('stores', {}) > 0) {
    const existing = fs.existsSync(counterCodesDir) ? fs.readdirSync(counterCodesDir).map((f) => path.join(counterCodesDir, f)) : [];
    return { seeded: false, members: cloud.db.count('members', {}), purchases: cloud.db.count('purchases', {}), counterCodesDir, counterCodes: existing };
  }
  const data = generateDemo(cloud.clock.now());
  cloud.db.insert('stores', DEMO_STORES as unknown as Doc[]);
  cloud.db.insert('staff', DEMO_STAFF as unknown as Doc[]);
  cloud.db.insert('settings', [{ _id: 'brand', ...data.settings } as unknown as Doc]);
  for (const [collection, docs] of [
    ['members', data.members],
    ['purchases', data.purchases],
    ['points_ledger', data.ledger],
    ['tier_changes', data.tierChanges],
    ['purchase_approvals', data.approvals],
    ['coupon_templates', data.couponTemplates],
    ['coupons', data.coupons],
    ['tags', data.tags],
    ['interactions', data.interactions],
    ['tasks', data.tasks],
    ['journey_enrollments', data.enrollments],
    ['journey_step_runs', data.stepRuns],
    ['job_state', data.jobState],
    ['daily_rollups', demoRollups(data)],
  ] as const) {
    for (let i = 0; i < docs.length; i += 500) cloud.db.insert(collection, docs.slice(i, i + 500) as unknown as Doc[]);
  }
  const [counterCodes, careJobs] = await Promise.all([
    writeCounterCodes(cloud, counterCodesDir, DEMO_OPENIDS.admin, DEMO_STORES.map((s) => s._id)),
    runCareJobs(cloud),
  ]);
  // After the care jobs: segments (the campaign's audience) are set by then.
  const automation = await setUpAutomation(cloud);
  await importDemoProducts(cloud);
  return { seeded: true, members: data.members.length, purchases: data.purchases.length, careJobs, automation, counterCodesDir, counterCodes };
}

/**
 * Runs the real care-jobs function once, as its hourly timer would: every member is due (careDueAt),
 * so it makes the tasks of birthdays, dormant and churn warnings and coupons about to run out (the
 * newest purchases' follow-ups are the after-purchase journey's, seeded with it: demo/care.ts), sets segments and automatic tags, and expires tasks left a week past due.
 * From 02:00 Beijing it also runs the nightly scores pass, which finds the heat, RFM and norms the demo
 * seeded already (the same rules) and writes no more than the segments and tags.
 */
async function runCareJobs(cloud: LocalCloud): Promise<string> {
  if (!cloud.runtime.get('care-jobs')) return 'care-jobs is not built: no tasks yet (npm start builds it)';
  const outcome = await cloud.triggers.fire('care-jobs');
  if (!outcome.ok) return `care-jobs failed: ${outcome.error.message}`;
  const result = outcome.result as { members?: { visited: number; tasksCreated: number }; couponTasks?: { created: number }; expiredTasks?: number; scores?: { status: string } };
  const tasks = (result.members?.tasksCreated ?? 0) + (result.couponTasks?.created ?? 0);
  return `care-jobs visited ${result.members?.visited ?? 0} members, made ${tasks} tasks, expired ${result.expiredTasks ?? 0}; scores pass: ${result.scores?.status ?? '?'}`;
}
