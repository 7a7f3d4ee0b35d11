import { parseShanghai } from '../time/shanghai';
import { DEFAULT_CARE_SETTINGS } from './care-settings';
import { rfmCutoffs, rfmFromCutoffs, rfmScores, type RfmRow } from './rfm';

const DAY = 24 * 60 * 60 * 1000;
const NOW = parseShanghai('2026-11-23 12:00');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const care = { ...DEFAULT_CARE_SETTINGS, rfmMinStoreMembers: 5 };

function row(memberId: string, over: Partial<RfmRow> = {}): RfmRow {
  return { memberId, storeId: 's1', lastPurchaseAt: ago(10), purchases12m: 1, spend12mFen: 1_000, ...over };
}

/** Rows whose every measure grows with i, so member i is better than member i−1 on each. */
function ladder(n: number, storeId: string | null = 's1', prefix = 'm'): RfmRow[] {
  return Array.from({ length: n }, (_, i) =>
    row(`${prefix}${String(i).padStart(2, '0')}`, { storeId, lastPurchaseAt: ago(300 - i), purchases12m: i + 1, spend12mFen: (i + 1) * 100 }),
  );
}

function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe('rfmScores', () => {
  it('a single member is ranked alone and scores 1 on each', () => {
    expect(rfmScores([row('a')], { ...care, rfmMinStoreMembers: 1 }, NOW)).toEqual(new Map([['a', { r: 1, f: 1, m: 1 }]]));
  });

  it('five members take 1 to 5, worst first; more days since the last purchase is worse', () => {
    const scores = rfmScores(ladder(5), care, NOW);
    expect([...scores.values()]).toEqual([1, 2, 3, 4, 5].map((s) => ({ r: s, f: s, m: s })));
    expect(scores.get('m00')).toEqual({ r: 1, f: 1, m: 1 }); // bought 300 days ago, once, least
  });

  it('ten members: two per score', () => {
    const scores = rfmScores(ladder(10), care, NOW);
    expect([...scores.values()].map((s) => s!.f)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('all tied still spreads by rank, ties going by memberId', () => {
    const rows = ['e', 'c', 'a', 'd', 'b'].map((id) => row(id));
    const scores = rfmScores(rows, care, NOW);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => scores.get(id)!.m)).toEqual([1, 2, 3, 4, 5]);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => scores.get(id)!.r)).toEqual([1, 2, 3, 4, 5]);
  });

  it('the same rows in any order give the same scores', () => {
    const rows = [...ladder(12, 's1'), ...ladder(3, 's2', 'x'), ...ladder(2, null, 'z'), row('gone', { lastPurchaseAt: ago(400) })];
    const expected = [...rfmScores(rows, care, NOW)].sort();
    for (const seed of [1, 2, 3, 42]) expect([...rfmScores(shuffled(rows, seed), care, NOW)].sort()).toEqual(expected);
  });

  it('no purchase within 365 days, or never: null and not ranked', () => {
    const rows = [row('never', { lastPurchaseAt: null }), row('old', { lastPurchaseAt: new Date(ago(365).getTime() - 1) }), row('edge', { lastPurchaseAt: ago(365) }), ...ladder(4)];
    const scores = rfmScores(rows, care, NOW);
    expect(scores.get('never')).toBeNull();
    expect(scores.get('old')).toBeNull();
    // five scored: 'edge' (365 days) is the oldest, so the worst recency
    expect(scores.get('edge')!.r).toBe(1);
    expect(scores.get('m03')!.r).toBe(5);
  });

  it('a store with fewer scored members than the minimum is ranked with the whole brand', () => {
    // s1 has 5 (its own fifths); s2 has 2 and the null store 1: they take the brand-wide ranking of all 8
    const big = ladder(5, 's1', 'a');
    const small = [row('b1', { storeId: 's2', lastPurchaseAt: ago(1), purchases12m: 99, spend12mFen: 99_999 }), row('b2', { storeId: 's2', lastPurchaseAt: ago(350), purchases12m: 0, spend12mFen: 0 })];
    const none = [row('c1', { storeId: null, lastPurchaseAt: ago(150), purchases12m: 3, spend12mFen: 250 })];
    const scores = rfmScores([...big, ...small, ...none], care, NOW);
    // s1 on its own: 1..5 even though b1 would outrank them brand-wide
    expect(['a00', 'a01', 'a02', 'a03', 'a04'].map((id) => scores.get(id)!.m)).toEqual([1, 2, 3, 4, 5]);
    // brand-wide spend order: b2(0) a00(100) a01(200) c1(250) a02(300) a03(400) a04(500) b1 → ranks 0, 3, 7 of 8
    expect(scores.get('b2')).toEqual({ r: 1, f: 1, m: 1 });
    expect(scores.get('c1')!.m).toBe(Math.floor((3 * 5) / 8) + 1);
    expect(scores.get('b1')).toEqual({ r: 5, f: 5, m: 5 });
  });

  it('a brand smaller than the minimum is still ranked as one pool', () => {
    const scores = rfmScores(ladder(3), { ...care, rfmMinStoreMembers: 20 }, NOW);
    expect([...scores.values()].map((s) => s!.r)).toEqual([1, 2, 4]);
  });

  it('empty input, empty result', () => {
    expect(rfmScores([], care, NOW).size).toBe(0);
  });
});

describe('rfmCutoffs / rfmFromCutoffs', () => {
  test('score each member exactly as ranking everyone at once does: stores, the brand fallback, ties, no purchase', () => {
    let state = 7;
    const random = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const rows: RfmRow[] = Array.from({ length: 700 }, (_u, i) =>
      row(`x${String(i).padStart(4, '0')}`, {
        storeId: i < 400 ? 's1' : i < 690 ? 's2' : i < 695 ? 'tiny' : null,
        lastPurchaseAt: random(10) === 0 ? null : ago(random(400)),
        purchases12m: random(4),
        spend12mFen: random(6) * 1000,
      }),
    );
    const all = rfmScores(rows, care, NOW);
    const cutoffs = rfmCutoffs(rows, care, NOW);
    for (const r of shuffled(rows, 3)) expect(rfmFromCutoffs(r, cutoffs, NOW)).toEqual(all.get(r.memberId));
  });

  test('a group of one, and of five, still matches', () => {
    for (const n of [1, 5, 6, 11]) {
      const rows = ladder(n);
      const all = rfmScores(rows, { ...care, rfmMinStoreMembers: 1 }, NOW);
      const cutoffs = rfmCutoffs(rows, { ...care, rfmMinStoreMembers: 1 }, NOW);
      for (const r of rows) expect(rfmFromCutoffs(r, cutoffs, NOW)).toEqual(all.get(r.memberId));
    }
  });
});
