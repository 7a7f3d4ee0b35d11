/**
 * Vant components emit bare values as `detail` (a tab name, a field's text), while WeChat's
 * CustomEvent typing only allows objects there.
 */
export type VantEvent<Detail> = Omit<WechatMiniprogram.CustomEvent, 'detail'> & { detail: Detail };
