/**
 * The local cloud for the care bench (startTestCloud's `entry`): the bare cloud, then the brand built
 * and inserted straight into its own Database in batches of 1000, in this process. 100 000 members are
 * ~450 MB of EJSON: sent over HTTP they cost minutes; written to a data folder first, they pass what
 * the cloud can read back at start-up (it reads its snapshot and log each as one string, < 512 MB).
 * Prints `care seeded <facts as JSON>` when done; the ready line comes before, the cloud busy meanwhile.
 *
 * Snapshot compaction is off in this cloud: at this size each one rewrites ~500 MB with the event loop
 * blocked for ~20 s, every 64 MB of log (a few thousand member writes), which made requests of the
 * measured functions time out and would have been timed as theirs. The data folder is thrown away.
 */
import { performance } from 'node:perf_hooks';
import { SEEDED_LINE, serveSeeded } from './seeding-cloud';
import { BRAND_TAGS, CARE_STAFF, CARE_STORES, generateCareBrand, type CareBrandOptions } from './care-brand';

export interface SeedFacts {
  members: number;
  tasks: number;
  openTasks: number;
  boughtYesterday: number;
  profileMemberId: string;
  phoneTail: string;
  /** Members whose careDueAt is at or before `dueBy`. */
  due: number;
  buildSeconds: number;
  insertSeconds: number;
}

export interface SeedRequest {
  count: number;
  yesterdayShare: number;
  now: string;
  dueBy: string;
}

serveSeeded<SeedRequest>('--care-seed', (request, insert) => {
  const t0 = performance.now();
  const options: CareBrandOptions = { count: request.count, yesterdayShare: request.yesterdayShare, now: new Date(request.now) };
  const brand = generateCareBrand(options);
  const t1 = performance.now();
  insert('stores', CARE_STORES);
  insert('staff', CARE_STAFF);
  insert('tags', BRAND_TAGS);
  insert('coupons', brand.coupons);
  insert('interactions', brand.interactions);
  insert('job_state', brand.jobState);
  insert('tasks', brand.tasks);
  insert('members', brand.members);
  const dueBy = Date.parse(request.dueBy);
  const facts: SeedFacts = {
    members: brand.members.length,
    tasks: brand.tasks.length,
    openTasks: brand.tasks.filter((task) => task.status === 'open').length,
    boughtYesterday: brand.boughtYesterday,
    profileMemberId: brand.profileMemberId,
    // A member of the first store (even numbers are S01's), where the benched clerk works.
    phoneTail: brand.members.find((m, i) => i % 2 === 0 && i > 0 && m.phoneTail)!.phoneTail!,
    due: brand.members.filter((m) => m.careDueAt && m.careDueAt.getTime() <= dueBy).length,
    buildSeconds: (t1 - t0) / 1000,
    insertSeconds: (performance.now() - t1) / 1000,
  };
  console.log(`${SEEDED_LINE}${JSON.stringify(facts)}`);
});
