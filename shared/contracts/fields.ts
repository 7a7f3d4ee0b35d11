import { z } from 'zod';

/** Input fields shared by several actions, with the limits the product puts on them. */

export const phoneNumber = z.string().regex(/^1[3-9]\d{9}$/, '请输入11位手机号');
export const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), '日期无效');
export const personName = z.string().trim().min(1, '请输入姓名').max(20, '姓名最多20个字');
export const gender = z.enum(['male', 'female', 'unknown']);
export const id = z.string().min(1).max(64);
export const amountFen = z.number().int('金额须为整数（分）').positive('金额须大于0').max(100_000_000, '金额过大');
export const orderNo = z
  .string()
  .trim()
  .min(1, '请输入订单号')
  .max(40, '订单号最多40位')
  .regex(/^[0-9A-Za-z_-]+$/, '订单号只能包含字母、数字、-和_');
export const categories = z.array(z.string().trim().min(1).max(20)).max(10).default([]);
export const role = z.enum(['clerk', 'manager', 'admin']);
