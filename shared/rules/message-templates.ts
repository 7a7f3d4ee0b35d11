/**
 * The subscription-message templates the product sends (一次性订阅消息). Each names the keywords of the
 * template an admin picks in the WeChat MP console (订阅消息 → 公共模板库), with WeChat's keyword types:
 * the type is the keyword's name without its number, and WeChat checks every value against it (thing ≤ 20
 * characters, phrase ≤ 5 汉字, time like 2026年12月3日 15:01…). Titles and wording stay transactional: a
 * subscription message may inform, never advertise.
 *
 * The template ids themselves belong to the mini-program account, so they live in settings
 * (settings/brand `messages.templateIds`); a template without an id is not offered and not sent.
 */
export const MESSAGE_TEMPLATE_KEYS = ['points_changed', 'coupon_arrived', 'coupon_expiring', 'tier_upgraded', 'store_notice'] as const;
export type MessageTemplateKey = (typeof MESSAGE_TEMPLATE_KEYS)[number];

export interface TemplateKeyword {
  /** WeChat's keyword name, e.g. thing1: the data key of subscribeMessage.send. */
  key: string;
  label: string;
}

export interface MessageTemplate {
  key: MessageTemplateKey;
  /** The title of the template in WeChat's public library; the shopper sees it when asked to subscribe. */
  title: string;
  /** What subscribing gets the shopper, in the 消息订阅 setting. */
  description: string;
  keywords: TemplateKeyword[];
  /** The page a tap on the message opens. */
  page: string;
}

export const MESSAGE_TEMPLATES: Record<MessageTemplateKey, MessageTemplate> = {
  points_changed: {
    key: 'points_changed',
    title: '积分变动提醒',
    description: '消费得积分、积分调整时通知您',
    keywords: [
      { key: 'thing1', label: '变动原因' },
      { key: 'character_string2', label: '变动积分' },
      { key: 'number3', label: '当前积分' },
      { key: 'time4', label: '变动时间' },
    ],
    page: 'pages/points-history/points-history',
  },
  coupon_arrived: {
    key: 'coupon_arrived',
    title: '优惠券到账通知',
    description: '门店赠送的优惠券到账时通知您',
    keywords: [
      { key: 'thing1', label: '优惠券' },
      { key: 'thing2', label: '使用条件' },
      { key: 'date3', label: '有效期至' },
      { key: 'thing4', label: '备注' },
    ],
    page: 'pages/coupons/coupons',
  },
  coupon_expiring: {
    key: 'coupon_expiring',
    title: '优惠券到期提醒',
    description: '优惠券快到期时提醒您',
    keywords: [
      { key: 'thing1', label: '优惠券' },
      { key: 'date2', label: '到期时间' },
      { key: 'thing3', label: '温馨提示' },
    ],
    page: 'pages/coupons/coupons',
  },
  tier_upgraded: {
    key: 'tier_upgraded',
    title: '会员等级变更通知',
    description: '会员等级升级时通知您',
    keywords: [
      { key: 'thing1', label: '当前等级' },
      { key: 'thing2', label: '等级权益' },
      { key: 'time3', label: '变更时间' },
    ],
    page: 'pages/member-home/member-home',
  },
  store_notice: {
    key: 'store_notice',
    title: '门店服务通知',
    description: '门店的服务提醒（如到店通知）',
    keywords: [
      { key: 'thing1', label: '通知内容' },
      { key: 'thing2', label: '门店' },
      { key: 'time3', label: '通知时间' },
    ],
    page: 'pages/member-home/member-home',
  },
};

/** WeChat lets one requestSubscribeMessage call ask for at most three templates. */
export const MAX_TEMPLATES_PER_REQUEST = 3;

export function keywordType(key: string): string {
  return key.replace(/\d+$/, '');
}
