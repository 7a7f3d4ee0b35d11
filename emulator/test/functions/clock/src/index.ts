import cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
const db = cloud.database();

/** What time the function thinks it is, and what the database stamps with serverDate(). */
export async function main() {
  const { _id } = (await db.collection('events').add({ data: { kind: 'clock', at: db.serverDate(), local: new Date() } })) as { _id: string };
  const { data } = (await db.collection("events").doc(_id).get()) as unknown as { data: { at: Date; local: Date } };
  return { now: new Date().toISOString(), dateNow: Date.now(), serverDate: data.at, localStored: data.local };
}
