import type { BrandSettings } from '../shared/rules/brand-settings';
import { messageData, type TemplateValues } from '../shared/rules/message-fields';
import { MESSAGE_TEMPLATES, type MessageTemplateKey } from '../shared/rules/message-templates';
import { holdReason, nextSendTime } from '../shared/rules/send-window';
import type { Stored, Transaction } from './cloud';
import { C, type MemberDoc, type MessageDoc } from './documents';
import { insertOnce } from './queries';
import { quotaOf } from './subscriptions';

/**
 * Writing to the outbox: a message is a document whose _id is its cause's key, written in the same
 * step as the change that causes it (the sale's transaction, the grant's retry-safe sequence), so a
 * cause makes at most one message however often its step runs. The sender (automation-jobs) delivers.
 */
export interface MessageCause {
  /** Names the cause: points:<purchase>, tier:<purchase>, coupon:<coupon>, journey:…, campaign:… */
  key: string;
  template: MessageTemplateKey;
  values: TemplateValues;
  marketing: boolean;
  /** With no quota when its turn comes, make this clerk task instead (null: just record it). */
  fallback?: MessageDoc['fallback'];
  journeyId?: string;
  campaignId?: string;
}

/**
 * The message for a cause, or null when it cannot go anywhere: the template has no WeChat id, or the
 * member no openid, or (without a fallback) no acceptance left — a transactional message nobody
 * subscribed to is not worth a document per sale.
 */
export function newMessage(member: Stored<MemberDoc>, cause: MessageCause, settings: BrandSettings, now: Date): Stored<MessageDoc> | null {
  if (settings.messages.templateIds[cause.template] === '' || !member.openid) return null;
  if (quotaOf(member, cause.template) === 0 && !cause.fallback) return null;
  const dueAt = nextSendTime(now, cause.marketing, member.marketingSentAt ?? [], settings.messages);
  return {
    _id: cause.key,
    memberId: member._id,
    openid: member.openid,
    storeId: member.homeStoreId,
    template: cause.template,
    data: messageData(cause.template, cause.values),
    page: MESSAGE_TEMPLATES[cause.template].page,
    marketing: cause.marketing,
    status: 'pending',
    dueAt,
    attempts: [],
    heldFor: dueAt.getTime() <= now.getTime() ? null : holdReason(now, settings.messages.quietHours),
    fallbackTaskKey: null,
    fallback: cause.fallback ?? null,
    journeyId: cause.journeyId ?? null,
    campaignId: cause.campaignId ?? null,
    createdAt: now,
    sentAt: null,
    settledAt: null,
  };
}

/** Adds the message in a transaction (the cause's own): a repeat of the cause fails the whole step as the repeat it is. */
export async function enqueueInTransaction(txn: Transaction, message: Stored<MessageDoc> | null): Promise<void> {
  if (message) await txn.collection<MessageDoc>(C.messages).add({ data: message });
}

/** Adds the message unless its cause made it already; true when this call added it. */
export async function enqueue(message: Stored<MessageDoc> | null): Promise<boolean> {
  return message ? insertOnce<MessageDoc>(C.messages, message) : false;
}
