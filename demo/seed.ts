import fs from 'node:fs';
import path from 'node:path';
import type { LocalCloud } from '../emulator/local-cloud';
import type { Doc } from '../emulator/db/ejson';
import { DEMO_OPENIDS, DEMO_STAFF, DEMO_STORES } from './brand';
import { generateDemo } from './generate';
import { writeCounterCodes } from './counter-codes';

export interface DemoSummary {
  seeded: boolean;
  members: number;
  purchases: number;
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
  ] as const) {
    for (let i = 0; i < docs.length; i += 500) cloud.db.insert(collection, docs.slice(i, i + 500) as unknown as Doc[]);
  }
  const counterCodes = await writeCounterCodes(cloud, counterCodesDir, DEMO_OPENIDS.admin, DEMO_STORES.map((s) => s._id));
  return { seeded: true, members: data.members.length, purchases: data.purchases.length, counterCodesDir, counterCodes };
}
