import type { AuditAction } from '../shared/contracts/care-views';
import { shanghaiDayKey } from '../shared/time/shanghai';
import { db, type Stored, type Transaction } from './cloud';
import { C, type AuditDoc, type StaffDoc } from './documents';
import { insertOnce } from './queries';

export interface AuditEvent {
  action: AuditAction;
  memberId?: string | null;
  targetStaffId?: string | null;
  detail?: string;
}

function auditDoc(staff: Stored<StaffDoc>, event: AuditEvent, now: Date): AuditDoc {
  return {
    at: now,
    day: shanghaiDayKey(now),
    staffId: staff._id,
    role: staff.role,
    storeId: staff.storeId,
    action: event.action,
    memberId: event.memberId ?? null,
    targetStaffId: event.targetStaffId ?? null,
    detail: event.detail ?? '',
  };
}

/**
 * Appends to the audit log. Entries are only ever added: nothing in the product updates or removes
 * one. A look (profile view, phone reveal) is logged before the data is returned.
 */
export async function audit(staff: Stored<StaffDoc>, event: AuditEvent, now: Date): Promise<void> {
  await db.collection<AuditDoc>(C.audit).add({ data: auditDoc(staff, event, now) });
}

/** The same entry inside the transaction that makes the change, so a change is never left unaudited. */
export async function auditInTransaction(txn: Transaction, staff: Stored<StaffDoc>, event: AuditEvent, now: Date, id: string): Promise<void> {
  await txn.collection<AuditDoc>(C.audit).add({ data: { ...auditDoc(staff, event, now), _id: id } });
}

/**
 * A member's own sensitive act (exporting their data, closing their membership): no staff involved,
 * so the actor is the member, named by id only; `id` makes a retried request log once.
 */
export async function auditMemberAct(member: { _id: string; homeStoreId: string | null }, event: { action: 'data_export' | 'membership_close'; detail: string }, now: Date, id: string): Promise<void> {
  await insertOnce<AuditDoc>(C.audit, { _id: id, at: now, day: shanghaiDayKey(now), staffId: '', role: 'member', storeId: member.homeStoreId ?? '', action: event.action, memberId: member._id, targetStaffId: null, detail: event.detail });
}

/** An entry named after the request that caused it: a retry of the request logs nothing more. */
export async function auditOnce(staff: Stored<StaffDoc>, event: AuditEvent, now: Date, id: string): Promise<void> {
  await insertOnce<AuditDoc>(C.audit, { ...auditDoc(staff, event, now), _id: id });
}
