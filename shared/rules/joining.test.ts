import { consentIsCurrent, decidePhoneClaim } from './joining';

test('a verified number takes over a typed one; nothing else displaces a holder', () => {
  expect(decidePhoneClaim({ openid: 'a', phoneVerified: false }, { openid: 'b', verified: true })).toBe('take-over');
  expect(decidePhoneClaim({ openid: 'a', phoneVerified: true }, { openid: 'b', verified: true })).toBe('refuse');
  expect(decidePhoneClaim({ openid: 'a', phoneVerified: false }, { openid: 'b', verified: false })).toBe('refuse');
  expect(decidePhoneClaim({ openid: 'a', phoneVerified: true }, { openid: 'b', verified: false })).toBe('refuse');
});

test('the same WeChat user holding the number is the member already', () => {
  expect(decidePhoneClaim({ openid: 'a', phoneVerified: false }, { openid: 'a', verified: true })).toBe('already-joined');
  expect(decidePhoneClaim({ openid: 'a', phoneVerified: true }, { openid: 'a', verified: false })).toBe('already-joined');
});

test('consent counts only when agreed to the current version', () => {
  expect(consentIsCurrent({ version: '2026-11', agreed: true }, '2026-11')).toBe(true);
  expect(consentIsCurrent({ version: '2026-05', agreed: true }, '2026-11')).toBe(false);
  expect(consentIsCurrent({ version: '2026-11', agreed: false }, '2026-11')).toBe(false);
  expect(consentIsCurrent({ version: '2026-11' }, '2026-11')).toBe(false);
  expect(consentIsCurrent(undefined, '2026-11')).toBe(false);
});
