import { closeReason } from '../shared/rules/my-data';
import { auditMemberAct } from './audit';
import { _, db, type Stored } from './cloud';
import { removeExports } from './data-exports';
import { C, type ClosedMemberDoc, type LedgerDoc, type MemberDoc } from './documents';
import { getById } from './queries';
import { txnGet, withTransaction } from './transaction';

/**
 * Closing a membership (PIPL). Two stages, each safe to run again:
 *
 * 1. One transaction replaces the member document by a record without identity (closed_members/<id>)
 *    and forfeits the points balance by a ledger entry, so the ledger still sums to the balance (0).
 *    With the member document gone, the OPENID and phone unique slots are free: joining again makes a
 *    new member, and every list, job and index that walks members no longer sees this one.
 * 2. Erasure of what other collections hold about the person: unused coupons revoked, tasks closed and
 *    their copies of name and phone blanked, staff notes blanked, journeys ended, unsent messages
 *    cancelled and every message's OPENID and text removed, pending sales declined, the share code and
 *    exported files deleted. Each step is one conditional update or removal by memberId, so a step run
 *    twice changes nothing more. The call runs it at once; a crash leaves status 'erasing', which the
 *    hourly care job finishes (resumeClosures).
 *
 * Purchases, points and tier ledgers, coupons and quota ledgers keep the member id: a key that no longer
 * leads to a person. The audit log keeps its entries (ids and what was done), as the law requires.
 */

export const CLOSED_TASK_CONTEXT = { name: '已注销会员', phoneMasked: '', tierName: '', lastCategory: null, couponName: null };

type ErasureStep = (memberId: string, now: Date) => Promise<number>;

const ERASURE_STEPS: Array<[string, ErasureStep]> = [
  [
    'coupons',
    async (memberId, now) =>
      (
        await db.collection(C.coupons).where({ memberId, status: _.in(['unused', 'pending']) }).update({
          data: { status: 'revoked', dueAt: null, history: _.push([{ type: 'revoked', at: now, by: 'member', reason: '会员注销' }]) },
        })
      ).stats.updated,
  ],
  [
    'tasks',
    async (memberId, now) => {
      const closed = await db.collection(C.tasks).where({ memberId, status: 'open' }).update({
        data: { status: 'skipped', closedAt: now, closedBy: 'system', closedReason: 'member_closed' },
      });
      await db.collection(C.tasks).where({ memberId }).update({ data: { title: '', note: '', context: _.set(CLOSED_TASK_CONTEXT) } });
      return closed.stats.updated;
    },
  ],
  ['interactions', async (memberId) => (await db.collection(C.interactions).where({ memberId }).update({ data: { note: '' } })).stats.updated],
  [
    'journeys',
    async (memberId, now) =>
      (
        await db.collection(C.enrollments).where({ memberId, status: _.in(['active', 'paused']) }).update({
          data: { status: 'exited', exitReason: 'member_closed', stepId: null, wakeAt: null, updatedAt: now },
        })
      ).stats.updated,
  ],
  [
    'messages',
    async (memberId, now) => {
      const cancelled = await db.collection(C.messages).where({ memberId, status: 'pending' }).update({ data: { status: 'cancelled', dueAt: null, settledAt: now } });
      await db.collection(C.messages).where({ memberId }).update({ data: { openid: '', data: _.set({}) } });
      return cancelled.stats.updated;
    },
  ],
  [
    'approvals',
    async (memberId, now) =>
      (
        await db.collection(C.approvals).where({ memberId, status: 'pending' }).update({
          data: { status: 'declined', decidedBy: 'system', decidedAt: now, declineReason: '会员已注销' },
        })
      ).stats.updated,
  ],
  ['referral-code', async (memberId) => (await db.collection(C.referralCodes).where({ memberId }).remove()).stats.removed],
  [
    'exports',
    async (memberId) => {
      let removed = 0;
      for (let page = await removeExports({ memberId }); page > 0; page = await removeExports({ memberId })) removed += page;
      return removed;
    },
  ],
];

/** Stage 1, then stage 2. A retried request (same id) after the member is gone answers what it did. */
export async function closeMembership(member: Stored<MemberDoc>, requestId: string, now: Date): Promise<Stored<ClosedMemberDoc>> {
  // Refused joins are keyed by OPENID; read the OPENID now, while the member document still holds it.
  await db.collection(C.joinAttempts).where({ openid: member.openid }).remove();
  const closed = await withTransaction(async (txn) => {
    const current = await txnGet<MemberDoc>(txn, C.members, member._id);
    if (!current) return null;
    const record = closedRecord(current, requestId, now);
    await txn.collection<ClosedMemberDoc>(C.closedMembers).doc(current._id).set({ data: record });
    if (current.pointsBalance !== 0) {
      await txn.collection<LedgerDoc>(C.ledger).add({
        data: { _id: `close:${current._id}`, memberId: current._id, type: 'close', points: -current.pointsBalance, reason: closeReason(), storeId: current.homeStoreId, staffId: null, purchaseId: null, expiresAt: null, createdAt: now },
      });
    }
    await txn.collection(C.members).doc(current._id).remove();
    return { ...record, _id: current._id };
  });
  const record = closed ?? (await getById<ClosedMemberDoc>(C.closedMembers, member._id));
  if (!record) throw new Error(`member ${member._id} vanished without a closing record`);
  await auditMemberAct(member, { action: 'membership_close', detail: `注销会员，积分清零 ${record.pointsForfeited}` }, now, `audit:close:${member._id}`);
  return eraseTraces(record, now);
}

function closedRecord(member: Stored<MemberDoc>, requestId: string, now: Date): ClosedMemberDoc {
  return {
    status: 'erasing',
    requestId,
    closedAt: now,
    joinedAt: member.joinedAt,
    homeStoreId: member.homeStoreId,
    inviterStaffId: member.inviterStaffId,
    tierId: member.tierId,
    purchaseCount: member.purchaseCount,
    totalSpendFen: member.totalSpendFen,
    firstPurchaseAt: member.firstPurchaseAt ?? null,
    lastPurchaseAt: member.lastPurchaseAt,
    pointsForfeited: member.pointsBalance,
    couponsRevoked: 0,
    stepsDone: [],
    finishedAt: null,
  };
}

/** Stage 2 from where it stopped; each finished step is recorded so a resumed run skips it. */
export async function eraseTraces(record: Stored<ClosedMemberDoc>, now: Date): Promise<Stored<ClosedMemberDoc>> {
  let current = record;
  for (const [name, step] of ERASURE_STEPS) {
    if (current.stepsDone.includes(name)) continue;
    const changed = await step(current._id, now);
    const extra = name === 'coupons' ? { couponsRevoked: _.inc(changed) } : {};
    await db.collection(C.closedMembers).doc(current._id).update({ data: { stepsDone: _.addToSet(name), ...extra } });
    current = { ...current, stepsDone: [...current.stepsDone, name], couponsRevoked: current.couponsRevoked + (name === 'coupons' ? changed : 0) };
  }
  await db.collection(C.closedMembers).doc(current._id).update({ data: { status: 'closed', finishedAt: now } });
  return { ...current, status: 'closed', finishedAt: now };
}

/** The care job's part: closings a crash left half-erased. */
export async function resumeClosures(now: Date, deadline: number): Promise<number> {
  const { data } = await db.collection<ClosedMemberDoc>(C.closedMembers).where({ status: 'erasing' }).limit(50).get();
  let finished = 0;
  for (const record of data) {
    if (Date.now() > deadline) break;
    await eraseTraces(record, now);
    finished += 1;
  }
  return finished;
}

/** A retried close whose first try already removed the member: found by its request id. */
export async function closingByRequest(requestId: string): Promise<Stored<ClosedMemberDoc> | null> {
  const { data } = await db.collection<ClosedMemberDoc>(C.closedMembers).where({ requestId }).limit(1).get();
  return data[0] ?? null;
}
