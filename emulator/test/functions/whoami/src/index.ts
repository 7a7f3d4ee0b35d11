import cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

/** Reports who the cloud says is calling, after an optional pause so concurrent calls overlap. */
export async function main(event: { delayMs?: number }) {
  const before = cloud.getWXContext();
  await new Promise((resolve) => setTimeout(resolve, event.delayMs ?? 0));
  const after = cloud.getWXContext();
  return { before, after, event };
}
