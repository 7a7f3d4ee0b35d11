/**
 * Runs `work` over `items` with at most `limit` at a time, starting no new item after `deadline`
 * (ms since the epoch). A timer job's page of independent items (enrollments, members of a campaign,
 * messages) goes several times faster this way: each item is a few round trips to the database, which
 * wait on the network, not on the function. Answers how many items were started; throws the first error.
 */
export async function forEachLimited<T>(items: T[], limit: number, deadline: number, work: (item: T) => Promise<void>): Promise<number> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && Date.now() < deadline) {
      const item = items[next++];
      await work(item);
    }
  });
  await Promise.all(lanes);
  return next;
}
