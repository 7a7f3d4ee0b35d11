import * as demo from '../../fixtures/demo';
import { byAction, installCloud, ok } from '../../test-support/cloud';
import { render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/message-subscriptions/message-subscriptions';

type Prompt = jest.Mock<void, [{ tmplIds: string[]; success: (result: Record<string, string>) => void; fail: (error: { errCode: number }) => void }]>;

function installPrompt(answer: (tmplIds: string[]) => Record<string, string> | 'fail'): Prompt {
  const prompt: Prompt = jest.fn((options) => {
    const result = answer(options.tmplIds);
    if (result === 'fail') options.fail({ errCode: 20004 });
    else options.success({ errMsg: 'requestSubscribeMessage:ok', ...result });
  });
  (wx as unknown as Record<string, unknown>).requestSubscribeMessage = prompt;
  return prompt;
}

async function openPage() {
  const page = render(PAGE);
  page.instance.onLoad();
  await settle();
  return page;
}

describe('message-subscriptions', () => {
  let showToast: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    showToast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
  });
  afterEach(() => {
    showToast.mockRestore();
    delete (wx as unknown as Record<string, unknown>).requestSubscribeMessage;
  });

  it('lists each message with what it is for and the sends left, from one member.card call', async () => {
    const cloud = installCloud(byAction({ 'member.card': ok(demo.card) }));
    const page = await openPage();
    expect(cloud.calls).toEqual([{ name: 'member', action: 'card', payload: {} }]);
    expect(text(page, '#row-points_changed')).toContain('积分变动提醒');
    expect(text(page, '#remaining-points_changed')).toBe('可接收 2 次');
    expect(text(page, '#remaining-store_notice')).toBe('未订阅');
    expect(text(page, '#subscribe-store_notice')).toBe('订阅');
  });

  it('订阅 asks WeChat for that template and shows the count the server now holds', async () => {
    const prompt = installPrompt((ids) => ({ [ids[0]]: 'accept' }));
    const after = demo.card.subscriptions.map((s) => (s.key === 'store_notice' ? { ...s, remaining: 1 } : s));
    const cloud = installCloud(byAction({ 'member.card': ok(demo.card), 'member.subscribe': ok({ subscriptions: after }) }));
    const page = await openPage();
    await tap(page, '#subscribe-store_notice');
    await settle();
    expect(prompt.mock.calls[0][0].tmplIds).toEqual(['local-store-notice']);
    expect(cloud.calls[1]).toMatchObject({ action: 'subscribe', payload: { accepted: ['store_notice'], rejected: [] } });
    expect(text(page, '#remaining-store_notice')).toBe('可接收 1 次');
  });

  it('一键订阅 asks for three at most, the emptiest first; a prompt WeChat cannot show changes nothing', async () => {
    const prompt = installPrompt(() => 'fail');
    const cloud = installCloud(byAction({ 'member.card': ok(demo.card) }));
    const page = await openPage();
    await tap(page, '#subscribe-all');
    await settle();
    expect(prompt.mock.calls[0][0].tmplIds).toEqual(['local-coupon-expiring', 'local-store-notice', 'local-coupon-arrived']);
    expect(cloud.calls).toHaveLength(1);
    expect(showToast).toHaveBeenCalledWith({ title: '请在设置中开启消息通知', icon: 'none' });
  });

  it('skips a template without an id, reports ban as refused, and resends a lost report with the same request id', async () => {
    const prompt = installPrompt((ids) => Object.fromEntries(ids.map((id, i) => [id, ['accept', 'ban', 'reject'][i]])));
    const offered = demo.card.subscriptions.map((s) => (s.key === 'coupon_expiring' ? { ...s, templateId: '' } : s));
    let reports = 0;
    const cloud = installCloud(
      byAction({
        'member.card': ok({ ...demo.card, subscriptions: offered }),
        'member.subscribe': () => {
          reports += 1;
          if (reports === 1) throw Object.assign(new Error('cloud.callFunction:fail'), { errCode: -1 });
          return ok({ subscriptions: offered });
        },
      }),
    );
    const page = await openPage();
    await tap(page, '#subscribe-all');
    await settle();
    // coupon_expiring has no template id: not listed, and the three asked are the next emptiest.
    expect(text(page, '#row-coupon_expiring')).toBe('');
    expect(prompt.mock.calls[0][0].tmplIds).toEqual(['local-store-notice', 'local-coupon-arrived', 'local-tier-upgraded']);
    expect(showToast).toHaveBeenLastCalledWith({ title: '订阅未保存，请稍后重试', icon: 'none' });
    await tap(page, '#subscribe-all');
    await settle();
    const sent = cloud.calls.filter((c) => c.action === 'subscribe').map((c) => c.payload as { requestId: string; accepted: string[]; rejected: string[] });
    expect(sent[0]).toMatchObject({ accepted: ['store_notice'], rejected: ['coupon_arrived', 'tier_upgraded'] });
    expect(sent[1].requestId).toBe(sent[0].requestId);
    expect(showToast).toHaveBeenLastCalledWith({ title: '订阅成功', icon: 'success' });
  });
});
