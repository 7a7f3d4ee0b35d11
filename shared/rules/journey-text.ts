import { MESSAGE_TEMPLATES } from './message-templates';
import { SEGMENT_LABELS } from './segments';
import { TASK_CAUSE_TITLES } from './task-text';
import type { JourneyCondition, JourneyEntry, JourneyStep } from './journeys';

/** How journeys read on screen: the entry, each step, each condition (one place for list, editor and figures). */

/** Names for ids a journey holds (tags, coupon templates); without them ids are shown as they are. */
export interface JourneyNames {
  tag?: (id: string) => string;
  coupon?: (id: string) => string;
}

/** A tag key without its automatic prefix, when no name is known for it. */
export const tagText = (tag: string) => tag.replace(/^auto:(category:|segment:)?/, '');

function tagName(tag: string, names: JourneyNames): string {
  return names.tag?.(tag) || tagText(tag);
}

export function entryText(entry: JourneyEntry, names: JourneyNames = {}): string {
  switch (entry.kind) {
    case 'joined':
      return '入会后';
    case 'purchased':
      return '每次消费后';
    case 'first_purchase':
      return '首次消费后';
    case 'tier_upgraded':
      return '等级升级后';
    case 'dormant':
      return '成为沉睡客户时';
    case 'birthday':
      return entry.when === 'month' ? '生日当月1日' : entry.daysBefore > 0 ? `生日前${entry.daysBefore}天` : '生日当天';
    case 'anniversary':
      return '入会周年日';
    case 'tag_added':
      return `打上标签「${tagName(entry.tag, names)}」后`;
  }
}

export function conditionText(condition: JourneyCondition, names: JourneyNames = {}): string {
  switch (condition.kind) {
    case 'purchased_since_entry':
      return '进入后已消费';
    case 'has_tag':
      return `有标签「${tagName(condition.tag, names)}」`;
    case 'segment_is':
      return `分群为${SEGMENT_LABELS[condition.segment]}`;
    case 'tier_at_least':
      return `等级不低于 ${condition.tierId}`;
    case 'has_quota':
      return `已订阅「${MESSAGE_TEMPLATES[condition.template].title}」`;
  }
}

export function stepSummary(step: JourneyStep, names: JourneyNames = {}): string {
  switch (step.type) {
    case 'wait':
      return `等待${step.days ? `${step.days}天` : ''}${step.hours ? `${step.hours}小时` : ''}`;
    case 'wait_until_time':
      return `等到 ${step.time}`;
    case 'wait_until_date':
      return `等到${step.field === 'birthday' ? '生日' : '入会纪念日'}${step.offsetDays ? (step.offsetDays > 0 ? `后${step.offsetDays}天` : `前${-step.offsetDays}天`) : '当天'} ${step.time}`;
    case 'message':
      return `发送消息：${MESSAGE_TEMPLATES[step.template].title}`;
    case 'coupon':
      return `发放优惠券${names.coupon?.(step.couponTemplateId) ? `「${names.coupon(step.couponTemplateId)}」` : ''}${step.notify ? '并通知' : ''}`;
    case 'task':
      return `创建待办：${step.cause === 'journey' ? step.title : TASK_CAUSE_TITLES[step.cause]}（${step.dueInDays}天内）`;
    case 'tag':
      return `${step.op === 'add' ? '添加' : '移除'}标签「${tagName(step.tag, names)}」`;
    case 'branch':
      return `如果${conditionText(step.condition, names)}，否则${step.elseGoto === 'end' ? '结束' : `跳到 ${step.elseGoto}`}`;
  }
}
