import cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
const db = cloud.database();

/** Records each timer run so tests can count them. */
export async function main(event: { Type?: string; TriggerName?: string; Time?: string }) {
  await db.collection('events').add({ data: { kind: 'tick', event, context: cloud.getWXContext(), at: db.serverDate() } });
  return { ok: true };
}
