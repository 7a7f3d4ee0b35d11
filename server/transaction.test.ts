import { retryOnConflict } from './transaction';

const conflict = () => Object.assign(new Error('Transaction is conflicting'), { code: 'DATABASE_TRANSACTION_CONFLICT' });

/** A clock that only moves when the retry waits, so the budget is exact and the test takes no time. */
function fakeTime() {
  let t = 0;
  const waits: number[] = [];
  return { now: () => t, wait: async (ms: number) => void (waits.push(ms), (t += ms)), waits };
}

test('a writer behind many others keeps its turn: 30 conflicts in a row still succeed within the budget', async () => {
  const time = fakeTime();
  const random = jest.spyOn(Math, 'random').mockReturnValue(0.5); // the average wait
  let calls = 0;
  try {
    const answer = await retryOnConflict(async () => (++calls <= 30 ? Promise.reject(conflict()) : 'done'), 4000, time.wait, time.now);
    expect(answer).toBe('done');
  } finally {
    random.mockRestore();
  }
  expect(calls).toBe(31);
});

test('waits grow and are capped, so colliding writers spread out', async () => {
  const time = fakeTime();
  const random = jest.spyOn(Math, 'random').mockReturnValue(0.999999);
  try {
    let calls = 0;
    await retryOnConflict(async () => (++calls <= 10 ? Promise.reject(conflict()) : 'done'), 60_000, time.wait, time.now);
  } finally {
    random.mockRestore();
  }
  expect(time.waits.slice(0, 4).map(Math.round)).toEqual([8, 16, 32, 64]);
  expect(Math.max(...time.waits)).toBeLessThanOrEqual(250);
  expect(Math.round(time.waits[9])).toBe(250);
});

test('answers BUSY once the time budget is spent, and passes other errors through at once', async () => {
  const time = fakeTime();
  await expect(retryOnConflict(async () => Promise.reject(conflict()), 1000, time.wait, time.now)).rejects.toMatchObject({ code: 'BUSY' });
  expect(time.now()).toBeGreaterThanOrEqual(1000);
  let calls = 0;
  const other = new Error('network');
  await expect(retryOnConflict(async () => (calls++, Promise.reject(other)), 1000, time.wait, time.now)).rejects.toBe(other);
  expect(calls).toBe(1);
});
