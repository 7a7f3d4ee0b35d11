/**
 * Version of the 用户隐私保护指引 the join page shows. Sent with member.join so the server records
 * which text the member agreed to; bump it whenever the guide in the WeChat admin console changes.
 */
export const PRIVACY_VERSION = '2026-11';

/** What the join page's privacy step summarises, in the order the guide lists it. */
export const PRIVACY_SUMMARY: readonly string[] = [
  '手机号：用于识别会员身份、积分与等级，门店凭手机号为您查询会员',
  '姓名、性别、生日（可选）：用于称呼您和发放生日礼遇，可跳过',
  '消费记录：门店为您记录消费时保存，用于计算积分和等级',
];
