import type { BrandSettings } from '../shared/rules/brand-settings';
import { retryAt, sendFailure, type SendFailure } from '../shared/rules/message-delivery';
import { holdReason, nextSendTime, recentSends } from '../shared/rules/send-window';
import { _, db, openapi, type Stored, type Transaction } from './cloud';
import { C, type MemberDoc, type MessageDoc, type QuotaLedgerDoc, type TaskDoc } from './documents';
import { forEachLimited } from './concurrency';
import { quotaOf } from './subscriptions';
import { openTask } from './tasks';
import { txnGet, withTransaction } from './transaction';
import { isDuplicateKey } from './errors';
import { taskOwnerFor } from './task-owner';

/**
 * The outbox sender. Each due message is claimed in a transaction with its member — quiet hours and the
 * cap checked, one acceptance taken from the quota (with its ledger entry), the message marked
 * 'sending' with a lease — then sent, then settled (a failure in a second transaction, with the member). So a message is never sent
 * without an unused acceptance, and two senders never both send one message.
 *
 * A run that dies between the send and the settle leaves a 'sending' message whose lease runs out: the
 * next run cannot know whether WeChat delivered it, and settles it 'unknown' without sending again —
 * at most once, because a duplicate costs the shopper a second acceptance and looks like spam.
 * Failures: 43101 (the user refused) is final and clears what the ledger thought was left for that
 * template; a transient failure gives the acceptance back and tries again later (backoff), up to the
 * settings' attempts; a malformed request gives it back and stops.
 */
const PAGE = 50;
const LEASE_MS = 10 * 60_000;
const HOUR_MS = 60 * 60_000;
/** Messages delivered at once; two for one member serialise on the member's transaction. */
const CONCURRENCY = 8;

export interface SenderTally {
  sent: number;
  refused: number;
  failed: number;
  retrying: number;
  held: number;
  noQuota: number;
  unknown: number;
}

type Claim =
  | { kind: 'skip' }
  | { kind: 'settled'; as: keyof SenderTally }
  | { kind: 'send'; message: Stored<MessageDoc>; attempt: number };

export async function sendDueMessages(settings: BrandSettings, now: Date, deadline: number): Promise<SenderTally & { finished: boolean }> {
  const tally: SenderTally = { sent: 0, refused: 0, failed: 0, retrying: 0, held: 0, noQuota: 0, unknown: 0 };
  const seen = new Set<string>();
  while (Date.now() < deadline) {
    const { data } = await db.collection<MessageDoc>(C.messages).where({ dueAt: _.lte(now) }).orderBy('dueAt', 'asc').limit(PAGE).get();
    const fresh = data.filter((m) => !seen.has(m._id));
    if (!fresh.length) return { ...tally, finished: true };
    const started = await forEachLimited(fresh, CONCURRENCY, deadline, async (message) => {
      seen.add(message._id);
      const outcome = await deliver(message._id, settings, now);
      if (outcome) tally[outcome]++;
    });
    if (started < fresh.length) return { ...tally, finished: false };
  }
  return { ...tally, finished: false };
}

/** One message: claim, send, settle. Answers what became of it (null: another run had it). */
export async function deliver(messageId: string, settings: BrandSettings, now: Date): Promise<keyof SenderTally | null> {
  let claim: Claim;
  try {
    claim = await withTransaction((txn) => claimMessage(txn, messageId, settings, now));
  } catch (error) {
    // The attempt's ledger id exists: an overlapping run claimed this very attempt first (its
    // transaction committed while this one was open, and the unique key, not the commit, caught it).
    if (isDuplicateKey(error)) return null;
    throw error;
  }
  if (claim.kind === 'skip') return null;
  if (claim.kind === 'settled') return claim.as;
  const { message, attempt } = claim;
  let failure: SendFailure | null = null;
  let error: { errCode: number | null; errMsg: string } = { errCode: null, errMsg: '' };
  try {
    await openapi.sendSubscribeMessage({ touser: message.openid, templateId: settings.messages.templateIds[message.template], page: message.page, data: message.data });
  } catch (thrown) {
    const e = thrown as { errCode?: unknown; errMsg?: unknown; message?: unknown };
    failure = sendFailure(e.errCode);
    error = { errCode: typeof e.errCode === 'number' ? e.errCode : null, errMsg: String(e.errMsg ?? e.message ?? '').slice(0, 200) };
  }
  if (failure === null) {
    // Delivered, the common case: one conditional update settles it — only if this run's lease still
    // holds it (status and lease time unchanged), so a run that took over after the lease ran out wins.
    const { stats } = await db
      .collection<MessageDoc>(C.messages)
      .where({ _id: message._id, status: 'sending', dueAt: new Date(now.getTime() + LEASE_MS) })
      .update({ data: { ...settled('sent', now, [...message.attempts, { at: now, result: 'sent', errCode: null, errMsg: '' }]), sentAt: now } });
    return stats.updated === 1 ? 'sent' : null;
  }
  return withTransaction((txn) => settleSend(txn, message, attempt, failure, error, settings, now));
}

async function claimMessage(txn: Transaction, id: string, settings: BrandSettings, now: Date): Promise<Claim> {
  const message = await txnGet<MessageDoc>(txn, C.messages, id);
  if (!message || !message.dueAt || message.dueAt.getTime() > now.getTime()) return { kind: 'skip' };
  const messages = txn.collection<MessageDoc>(C.messages);
  if (message.status === 'sending') {
    await messages.doc(id).update({ data: settled('unknown', now, [...message.attempts, { at: now, result: 'unknown', errCode: null, errMsg: 'the sending run stopped before it settled' }]) });
    return { kind: 'settled', as: 'unknown' };
  }
  const member = await txnGet<MemberDoc>(txn, C.members, message.memberId);
  if (!member || !member.openid) {
    await messages.doc(id).update({ data: settled('failed', now, message.attempts) });
    return { kind: 'settled', as: 'failed' };
  }
  if (now.getTime() - message.createdAt.getTime() > settings.messages.staleAfterHours * HOUR_MS) {
    await messages.doc(id).update({ data: { ...settled('stale', now, message.attempts), fallbackTaskKey: await fallBack(txn, message, member, settings, now) } });
    return { kind: 'settled', as: 'failed' };
  }
  const sentAt = recentSends(member.marketingSentAt ?? [], now);
  const at = nextSendTime(now, message.marketing, sentAt, settings.messages);
  if (at.getTime() > now.getTime()) {
    await messages.doc(id).update({ data: { dueAt: at, heldFor: holdReason(now, settings.messages.quietHours) } });
    return { kind: 'settled', as: 'held' };
  }
  const quota = quotaOf(member, message.template);
  if (quota === 0) {
    await messages.doc(id).update({ data: { ...settled('no_quota', now, message.attempts), fallbackTaskKey: await fallBack(txn, message, member, settings, now) } });
    return { kind: 'settled', as: 'noQuota' };
  }
  const attempt = message.attempts.length + 1;
  await txn.collection<MemberDoc>(C.members).doc(member._id).update({
    data: {
      messageQuota: { ...member.messageQuota, [message.template]: quota - 1 },
      ...(message.marketing ? { marketingSentAt: [...sentAt, now] } : {}),
    },
  });
  await ledger(txn, `sent:${id}:${attempt}`, member._id, message, -1, 'sent', now);
  await messages.doc(id).update({ data: { status: 'sending', dueAt: new Date(now.getTime() + LEASE_MS) } });
  return { kind: 'send', message: { ...message, openid: member.openid }, attempt };
}

async function settleSend(
  txn: Transaction,
  sent: Stored<MessageDoc>,
  attempt: number,
  failure: SendFailure,
  error: { errCode: number | null; errMsg: string },
  settings: BrandSettings,
  now: Date,
): Promise<keyof SenderTally | null> {
  const message = await txnGet<MessageDoc>(txn, C.messages, sent._id);
  // The lease ran out and another run settled it meanwhile: its answer stands.
  if (!message || message.status !== 'sending' || message.attempts.length !== attempt - 1) return null;
  const attempts: MessageDoc['attempts'] = [...message.attempts, { at: now, result: failure, errCode: error.errCode, errMsg: error.errMsg }];
  const messages = txn.collection<MessageDoc>(C.messages);
  const member = await txnGet<MemberDoc>(txn, C.members, message.memberId);
  if (failure === 'refused') {
    // WeChat holds no acceptance for this template: whatever the ledger still counted was not real.
    const left = member ? quotaOf(member, message.template) : 0;
    if (member && left > 0) {
      await txn.collection<MemberDoc>(C.members).doc(member._id).update({ data: { messageQuota: { ...member.messageQuota, [message.template]: 0 } } });
      await ledger(txn, `refused:${sent._id}:${attempt}`, member._id, message, -left, 'refused', now);
    }
    await messages.doc(sent._id).update({ data: settled('refused', now, attempts) });
    return 'refused';
  }
  // Not delivered: the acceptance is still the shopper's, and the marketing send did not happen.
  if (member) {
    // The claim (in this run, at this `now`) counted it against the cap: take that count back.
    const sentAt = [...(member.marketingSentAt ?? [])];
    const counted = sentAt.map((at) => at.getTime()).lastIndexOf(now.getTime());
    if (counted >= 0) sentAt.splice(counted, 1);
    await txn.collection<MemberDoc>(C.members).doc(member._id).update({
      data: { messageQuota: { ...member.messageQuota, [message.template]: quotaOf(member, message.template) + 1 }, ...(message.marketing ? { marketingSentAt: sentAt } : {}) },
    });
    await ledger(txn, `returned:${sent._id}:${attempt}`, member._id, message, 1, 'returned', now);
  }
  if (failure === 'transient' && attempt < settings.messages.maxAttempts) {
    await messages.doc(sent._id).update({ data: { status: 'pending', dueAt: retryAt(attempt, now), attempts } });
    return 'retrying';
  }
  await messages.doc(sent._id).update({ data: settled('failed', now, attempts) });
  return 'failed';
}

function settled(status: MessageDoc['status'], now: Date, attempts: MessageDoc['attempts']): Partial<MessageDoc> {
  return { status, dueAt: null, settledAt: now, attempts };
}

async function ledger(txn: Transaction, id: string, memberId: string, message: Stored<MessageDoc>, delta: number, kind: QuotaLedgerDoc['kind'], now: Date): Promise<void> {
  await txn.collection<QuotaLedgerDoc>(C.quotaLedger).add({ data: { _id: id, memberId, template: message.template, delta, kind, ref: message._id, at: now } });
}

/** The clerk task a message asked for when it cannot be sent (no acceptance left, or too late). */
async function fallBack(txn: Transaction, message: Stored<MessageDoc>, member: Stored<MemberDoc>, settings: BrandSettings, now: Date): Promise<string | null> {
  if (!message.fallback) return null;
  const key = `message:${message._id}`;
  const task = openTask(
    member,
    { key, cause: message.fallback.cause, dueAt: now, owner: await taskOwnerFor(member), createdBy: 'system', title: message.fallback.title, note: messageText(message), journeyId: message.journeyId, campaignId: message.campaignId },
    settings,
    now,
  );
  await txn.collection<TaskDoc>(C.tasks).add({ data: task });
  return key;
}

/** What the message would have said, for the clerk who says it instead. */
function messageText(message: MessageDoc): string {
  return Object.values(message.data)
    .map((item) => item.value)
    .join('，')
    .slice(0, 200);
}
