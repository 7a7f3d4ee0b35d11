import cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export async function main(event: { target: string; data?: Record<string, unknown> }) {
  const res = (await cloud.callFunction({ name: event.target, data: event.data ?? {} })) as { result: unknown };
  return { callee: res.result, self: cloud.getWXContext() };
}
