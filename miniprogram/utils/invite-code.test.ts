import { normaliseInviteCode } from './invite-code';

describe('normaliseInviteCode', () => {
  it('upper-cases, drops spaces and keeps 8 characters', () => {
    expect(normaliseInviteCode(' ab3k 9mqz ')).toBe('AB3K9MQZ');
    expect(normaliseInviteCode('abcdefghijk')).toBe('ABCDEFGH');
    expect(normaliseInviteCode('')).toBe('');
  });
});
