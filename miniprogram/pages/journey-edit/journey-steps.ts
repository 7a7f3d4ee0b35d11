import type { JourneyStep, JourneyStepType } from '../../shared/rules/journeys';

/** The step types the editor offers, in the order of its 添加步骤 sheet. */
export const STEP_TYPES: Array<{ type: JourneyStepType; name: string }> = [
  { type: 'wait', name: '等待一段时间' },
  { type: 'wait_until_time', name: '等到某个时刻' },
  { type: 'wait_until_date', name: '等到生日/纪念日' },
  { type: 'message', name: '发送订阅消息' },
  { type: 'coupon', name: '发放优惠券' },
  { type: 'task', name: '给导购派待办' },
  { type: 'tag', name: '加/去标签' },
  { type: 'branch', name: '条件分支' },
];

/** A new step of a type, filled so that it is valid as it stands where it can be. */
export function blankStep(type: JourneyStepType, id: string, picks: { coupon: string; tag: string } = { coupon: '', tag: '' }): JourneyStep {
  switch (type) {
    case 'wait':
      return { id, type, days: 1, hours: 0 };
    case 'wait_until_time':
      return { id, type, time: '10:00' };
    case 'wait_until_date':
      return { id, type, field: 'birthday', offsetDays: 0, time: '10:00' };
    case 'message':
      return { id, type, template: 'store_notice', text: '', fallbackTask: false };
    case 'coupon':
      return { id, type, couponTemplateId: picks.coupon, notify: true, fallbackTask: false, note: '' };
    case 'task':
      return { id, type, cause: 'journey', title: '', dueInDays: 1 };
    case 'tag':
      return { id, type, op: 'add', tag: picks.tag };
    case 'branch':
      return { id, type, condition: { kind: 'purchased_since_entry' }, elseGoto: 'end' };
  }
}

/** A new id past the highest one present (s<n>): existing steps keep theirs, since members wait on them. */
export function nextStepId(steps: JourneyStep[]): string {
  const highest = steps.reduce((max, step) => Math.max(max, Number(/^s(\d+)$/.exec(step.id)?.[1] ?? 0)), 0);
  return `s${highest + 1}`;
}
