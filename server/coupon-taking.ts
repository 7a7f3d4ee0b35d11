import { db } from './cloud';
import { grantedMonth } from './coupons';
import { C, type CouponDoc } from './documents';

export interface Takings {
  /** Coupons the member took themselves (claims, exchanges), ever and this Shanghai month. */
  taken: number;
  takenThisMonth: number;
  /** Unused ones held now. */
  held: number;
}

/**
 * What a member has of each template, from their coupons (one request). Counting only decides the next
 * slot number: the unique slot key, not this count, is what stops a member going over a limit.
 */
export async function takingsByTemplate(memberId: string, now: Date): Promise<Map<string, Takings>> {
  return count(await mine({ memberId }), now);
}

/**
 * One template's takings, and — in the same request — the coupon an earlier request under `grantKey`
 * made, if any: a retry is answered without taking anything again.
 */
export async function takingsOf(memberId: string, templateId: string, now: Date, grantKey: string): Promise<{ takings: Takings; repeatId: string | null }> {
  const data = await mine({ memberId, templateId });
  return { takings: count(data, now).get(templateId) ?? NO_TAKINGS, repeatId: data.find((c) => c.grantKey === grantKey)?._id ?? null };
}

async function mine(where: Record<string, string>) {
  const { data } = await db
    .collection<CouponDoc>(C.coupons)
    .where(where)
    .field({ templateId: true, slotKey: true, grantKey: true, grantedMonth: true, status: true })
    .limit(1000)
    .get();
  return data;
}

function count(data: Array<Pick<CouponDoc, 'templateId' | 'slotKey' | 'grantedMonth' | 'status'>>, now: Date): Map<string, Takings> {
  const month = grantedMonth(now);
  const byTemplate = new Map<string, Takings>();
  for (const coupon of data) {
    const entry = byTemplate.get(coupon.templateId) ?? { taken: 0, takenThisMonth: 0, held: 0 };
    if (coupon.slotKey.startsWith('take:')) {
      entry.taken++;
      if (coupon.grantedMonth === month) entry.takenThisMonth++;
    }
    if (coupon.status === 'unused') entry.held++;
    byTemplate.set(coupon.templateId, entry);
  }
  return byTemplate;
}

export const NO_TAKINGS: Takings = { taken: 0, takenThisMonth: 0, held: 0 };

export function slotKey(templateId: string, memberId: string, n: number): string {
  return `take:${templateId}:${memberId}:${n}`;
}
