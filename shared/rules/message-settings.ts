import { MESSAGE_TEMPLATE_KEYS, type MessageTemplateKey } from './message-templates';

/**
 * The brand's subscription-message rules (settings/brand `messages`): which WeChat template id each
 * product template has, the quiet hours, the marketing frequency cap and how long a held message may
 * wait before it is no longer worth sending.
 */
export interface MessageSettings {
  /** The template id from the MP console; '' leaves the template off (not offered, not sent). */
  templateIds: Record<MessageTemplateKey, string>;
  /** Shanghai wall clock 'HH:mm'; no message is sent from start until end (start > end crosses midnight). null: none. */
  quietHours: { start: string; end: string } | null;
  /** Marketing messages (journeys, campaigns) per member: at most this many per Shanghai day and per 7 days. */
  cap: { perDay: number; perWeek: number };
  /** Sends of one message, the first included, before a transient failure is given up. */
  maxAttempts: number;
  /** A message held (quiet hours, cap) longer than this is dropped as stale. */
  staleAfterHours: number;
}

export const DEFAULT_MESSAGE_SETTINGS: MessageSettings = {
  templateIds: {
    points_changed: 'local-points-changed',
    coupon_arrived: 'local-coupon-arrived',
    coupon_expiring: 'local-coupon-expiring',
    tier_upgraded: 'local-tier-upgraded',
    store_notice: 'local-store-notice',
  },
  quietHours: { start: '21:00', end: '09:00' },
  cap: { perDay: 1, perWeek: 4 },
  maxAttempts: 4,
  staleAfterHours: 72,
};

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function minuteOfDay(clock: string): number {
  const match = CLOCK.exec(clock);
  if (!match) throw new Error(`not a clock time: ${clock}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function isClockTime(text: string): boolean {
  return CLOCK.test(text);
}

/** Field problems of message settings, in Chinese for the settings screen ([] when valid). */
export function messageSettingsProblems(settings: MessageSettings): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  for (const key of MESSAGE_TEMPLATE_KEYS) {
    const id = settings.templateIds[key];
    if (id !== '' && !/^[0-9A-Za-z_-]{1,64}$/.test(id)) problems.push({ field: `templateIds.${key}`, message: '模板ID只能包含字母、数字、-和_' });
  }
  if (settings.quietHours) {
    const { start, end } = settings.quietHours;
    if (!isClockTime(start)) problems.push({ field: 'quietHours.start', message: '开始时间格式应为 HH:mm' });
    if (!isClockTime(end)) problems.push({ field: 'quietHours.end', message: '结束时间格式应为 HH:mm' });
    if (isClockTime(start) && start === end) problems.push({ field: 'quietHours.end', message: '开始和结束时间不能相同' });
  }
  const { perDay, perWeek } = settings.cap;
  if (!Number.isInteger(perDay) || perDay < 0 || perDay > 10) problems.push({ field: 'cap.perDay', message: '每日上限应为0到10之间的整数' });
  if (!Number.isInteger(perWeek) || perWeek < 0 || perWeek > 30) problems.push({ field: 'cap.perWeek', message: '每周上限应为0到30之间的整数' });
  if (Number.isInteger(perDay) && Number.isInteger(perWeek) && perWeek < perDay) problems.push({ field: 'cap.perWeek', message: '每周上限不能小于每日上限' });
  if (!Number.isInteger(settings.maxAttempts) || settings.maxAttempts < 1 || settings.maxAttempts > 8) problems.push({ field: 'maxAttempts', message: '发送尝试次数应为1到8之间的整数' });
  if (!Number.isInteger(settings.staleAfterHours) || settings.staleAfterHours < 1 || settings.staleAfterHours > 24 * 14) {
    problems.push({ field: 'staleAfterHours', message: '消息最长等待时间应为1到336小时' });
  }
  return problems;
}

type StoredMessageSettings = Partial<Omit<MessageSettings, 'templateIds'>> & { templateIds?: Partial<Record<MessageTemplateKey, string>> };

export function mergeMessageSettings(stored: StoredMessageSettings | undefined): MessageSettings {
  return {
    ...DEFAULT_MESSAGE_SETTINGS,
    ...stored,
    templateIds: { ...DEFAULT_MESSAGE_SETTINGS.templateIds, ...stored?.templateIds },
    cap: { ...DEFAULT_MESSAGE_SETTINGS.cap, ...stored?.cap },
  };
}
