import { z } from 'zod';
import { hasUnsafeCharacters } from '../rules/text';
import { shanghaiDayKey } from '../time/shanghai';

/**
 * Input fields shared by several actions, with the limits the product puts on them. Every message is
 * the Chinese the UI shows; anything a schema leaves unsaid gets a Chinese default (zod-messages.ts).
 */


/** One line of text a person typed: trimmed, bounded, and free of characters that corrupt a clerk's screen. */
export function plainText(max: number, label = '内容') {
  return z
    .string()
    .trim()
    .max(max, `${label}最多${max}个字`)
    .refine((text) => !hasUnsafeCharacters(text), `${label}不能包含特殊控制字符`);
}

export const phoneNumber = z.string().regex(/^1[3-9]\d{9}$/, '请输入11位手机号');

const DATE_MESSAGE = '请选择正确的日期';
export const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, DATE_MESSAGE)
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), DATE_MESSAGE);

/** Nobody alive was born before 1900, and nobody is born after today (Shanghai). */
export const EARLIEST_BIRTHDAY = '1900-01-01';
export const birthday = dateOnly
  .refine((text) => text >= EARLIEST_BIRTHDAY, '生日不能早于1900年')
  .refine((text) => text.replace(/-/g, '') <= shanghaiDayKey(new Date()), '生日不能晚于今天');

export const personName = plainText(20, '姓名').pipe(z.string().min(1, '请输入姓名'));
export const gender = z.enum(['male', 'female', 'unknown'], '请选择性别');
export const id = z.string().min(1, '缺少编号').max(64, '编号无效');
export const amountFen = z.number('请输入金额').int('金额须为整数（分）').positive('金额须大于0').max(100_000_000, '金额过大');
export const orderNo = z
  .string('请输入订单号')
  .trim()
  .min(1, '请输入订单号')
  .max(40, '订单号最多40位')
  .regex(/^[0-9A-Za-z_-]+$/, '订单号只能包含字母、数字、-和_');
export const categories = z
  .array(plainText(20, '品类').pipe(z.string().min(1, '品类不能为空')))
  .max(10, '品类最多10个')
  .default([]);
export const role = z.enum(['clerk', 'manager', 'admin'], '角色无效');
export const reason = plainText(50, '原因');
export const inviteCode = z.string('请输入邀请码').trim().toUpperCase().length(8, '邀请码为8位');
/** The client's id for one attempt at an action, kept across retries: the same request never acts twice. */
export const requestId = z.string('缺少请求编号').regex(/^[0-9A-Za-z_-]{8,40}$/, '请求编号无效');
export const cursor = z.string().max(200, '分页参数无效').optional();
