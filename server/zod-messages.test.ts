/** No English validation text reaches a user: every action's every field error is Chinese. */
import { adminContract } from '../shared/contracts/admin';
import { couponsContract } from '../shared/contracts/coupons';
import { memberContract } from '../shared/contracts/member';
import { staffContract } from '../shared/contracts/staff';
import { installChineseMessages } from './zod-messages';

installChineseMessages();

const FIELDS = [
  'memberId', 'amountFen', 'orderNo', 'categories', 'phone', 'consent', 'profile', 'scene', 'token', 'cursor', 'limit',
  'name', 'gender', 'birthday', 'inviteCode', 'purchaseId', 'reason', 'storeId', 'role', 'code', 'approvalId',
  'couponIds', 'couponId', 'templateId', 'requestId', 'tab', 'status', 'units', 'rule', 'validity', 'limits', 'pointsCost', 'storeIds', 'tierIds',
];
const JUNK: unknown[] = [undefined, null, 123, -1, 1.5, Infinity, '', 'x'.repeat(300), '\u202E', true, [], {}, ['a', 1], { number: 1 }, { code: 5 }];

function payloads(): unknown[] {
  const out: unknown[] = [undefined, null, 'text', 42, [], {}];
  for (const junk of JUNK) {
    out.push(Object.fromEntries(FIELDS.map((field) => [field, junk])));
    for (const field of FIELDS) out.push({ [field]: junk });
  }
  out.push({ profile: { name: 123, gender: 'x', birthday: '0000-01-01' } }, { phone: { number: '1' } }, { categories: ['', 'a'.repeat(30), 5] });
  return out;
}

const contracts = { member: memberContract, staff: staffContract, admin: adminContract, coupons: couponsContract };

test.each(Object.entries(contracts).flatMap(([fn, contract]) => Object.keys(contract).map((action) => [fn, action] as const)))(
  '%s.%s answers every bad field in Chinese',
  (fn, action) => {
    const schema = (contracts as Record<string, Record<string, { input: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ message: string; path: PropertyKey[] }> } } } }>>)[fn][action].input;
    let failures = 0;
    for (const payload of payloads()) {
      const result = schema.safeParse(payload);
      if (result.success) continue;
      for (const issue of result.error!.issues) {
        failures++;
        expect({ path: issue.path.join('.'), message: issue.message }).toEqual({ path: issue.path.join('.'), message: expect.stringMatching(/^[^A-Za-z]*[\u4e00-\u9fa5][^A-Za-z]*$/) });
      }
    }
    // Actions with no input fields accept everything; the others must have been exercised.
    if (!['card', 'memberCode', 'me', 'pendingSales', 'pointsHistory', 'wallet', 'claimCenter', 'exchangeList', 'templates'].includes(action)) expect(failures).toBeGreaterThan(0);
  },
);
