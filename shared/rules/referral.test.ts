import { newReferralCode, REFERRAL_CODE, referralRefusal } from './referral';

const person = (over: Partial<{ memberId: string; openid: string; phone: string; isStaff: boolean }> = {}) => ({ memberId: 'm1', openid: 'o1', phone: '13800000001', isStaff: false, ...over });

test('who may be credited: not oneself, not a shared phone, never staff, not an unknown code', () => {
  const friend = person({ memberId: 'm2', openid: 'o2', phone: '13800000002' });
  expect(referralRefusal({ referrer: person(), friend })).toBeNull();
  expect(referralRefusal({ referrer: person(), friend: { ...friend, openid: 'o1' } })).toBe('self');
  expect(referralRefusal({ referrer: person(), friend: { ...friend, phone: '13800000001' } })).toBe('same_phone');
  expect(referralRefusal({ referrer: person({ isStaff: true }), friend })).toBe('staff');
  expect(referralRefusal({ referrer: person(), friend: { ...friend, isStaff: true } })).toBe('staff');
  expect(referralRefusal({ referrer: null, friend })).toBe('unknown_code');
});

test('codes have 8 characters without look-alikes', () => {
  for (let i = 0; i < 50; i++) expect(newReferralCode()).toMatch(REFERRAL_CODE);
});
