import type { SubscriptionView } from '../shared/contracts/automation-views';
import type { BrandSettings } from '../shared/rules/brand-settings';
import { MESSAGE_TEMPLATE_KEYS, MESSAGE_TEMPLATES, type MessageTemplateKey } from '../shared/rules/message-templates';
import type { MemberDoc } from './documents';

/** The templates a shopper can subscribe to (those with a WeChat template id), with what each has left. */
export function subscriptionViews(member: Pick<MemberDoc, 'messageQuota'>, settings: BrandSettings): SubscriptionView[] {
  return MESSAGE_TEMPLATE_KEYS.filter((key) => settings.messages.templateIds[key] !== '').map((key) => ({
    key,
    title: MESSAGE_TEMPLATES[key].title,
    description: MESSAGE_TEMPLATES[key].description,
    templateId: settings.messages.templateIds[key],
    remaining: quotaOf(member, key),
  }));
}

export function quotaOf(member: Pick<MemberDoc, 'messageQuota'>, template: MessageTemplateKey): number {
  return member.messageQuota?.[template] ?? 0;
}

/** The ledger entry of one accepted template in one prompt: a repeated report of the prompt hits the same id. */
export function acceptanceId(memberId: string, requestId: string, template: MessageTemplateKey): string {
  return `accept:${memberId}:${requestId}:${template}`;
}
