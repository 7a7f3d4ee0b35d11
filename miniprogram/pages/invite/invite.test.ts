import { byAction, installCloud, ok } from '../../test-support/cloud';
import { render, settle, text } from '../../test-support/simulate';

const PAGE = 'pages/invite/invite';

const view = {
  code: 'K7M2Q9XA',
  rewardPoints: 200,
  invitations: [
    { name: '王*', joinedAt: '2026-11-20T02:00:00.000Z', status: 'rewarded' as const, statusText: '已奖励 200 积分' },
    { name: '赵*', joinedAt: '2026-11-28T02:00:00.000Z', status: 'joined' as const, statusText: '已加入，首次消费后奖励' },
  ],
  rewardedCount: 1,
};

describe('invite', () => {
  beforeEach(() => jest.resetModules());

  it('shows her code, the reward and her invitations from one call; sharing carries the code to the join page', async () => {
    const cloud = installCloud(byAction({ 'member.referral': ok(view) }));
    const page = render(PAGE);
    page.instance.onLoad();
    await settle();
    expect(cloud.calls).toEqual([{ name: 'member', action: 'referral', payload: {} }]);
    expect(text(page, '#code')).toBe('K7M2Q9XA');
    expect(text(page, '#reward')).toBe('好友首次消费后，你们各得 200 积分');
    expect(text(page, '#summary')).toBe('已邀请 2 位，已获奖励 1 次');
    expect(text(page, '#invitation-0')).toContain('已奖励 200 积分');
    expect(page.instance.onShareAppMessage()).toEqual({ title: '我在这家店做会员，邀请你一起加入', path: '/pages/join/join?ref=K7M2Q9XA' });
  });
});
