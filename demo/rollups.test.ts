import { summarize } from '../shared/rules/rollups';
import { shanghaiDayKey } from '../shared/time/shanghai';
import { generateDemo } from './generate';
import { demoRollups } from './rollups';

test('the demo year’s rollups add up to its purchases and members, store by store', () => {
  const now = new Date('2026-12-03T02:00:00Z');
  const data = generateDemo(now);
  const rollups = demoRollups(data);
  const valid = data.purchases.filter((p) => p.status === 'valid');
  const first = shanghaiDayKey(new Date(Math.min(...data.members.map((m) => m.joinedAt.getTime()))));
  const year = summarize(rollups, first, shanghaiDayKey(now));
  expect(year.purchases).toBe(valid.length);
  expect(year.salesFen).toBe(valid.reduce((n, p) => n + p.paidFen, 0));
  expect(year.newMembers).toBe(data.members.filter((m) => m.homeStoreId).length);
  for (const storeId of ['S01', 'S02']) {
    const store = summarize(rollups.filter((r) => r.storeId === storeId), first, shanghaiDayKey(now));
    expect(store.purchases).toBe(valid.filter((p) => p.storeId === storeId).length);
  }
  expect(new Set(rollups.map((r) => r._id)).size).toBe(rollups.length);
});
