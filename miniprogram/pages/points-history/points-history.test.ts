import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, ok, offline } from '../../test-support/cloud';
import { exists, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/points-history/points-history';

async function openPage() {
  const page = render(PAGE);
  page.instance.onLoad();
  await settle();
  return page;
}

describe('points-history', () => {
  beforeEach(() => {
    jest.resetModules();
  });

  it('loads the first page with one member.pointsHistory call and shows each entry', async () => {
    const cloud = installCloud(byAction({ 'member.pointsHistory': ok(demo.pointsPage1) }));
    const page = await openPage();

    expect(cloud.calls).toEqual([{ name: 'member', action: 'pointsHistory', payload: { limit: 20 } }]);
    expect(text(page, '#balance')).toBe('2,460');
    expect(page.querySelectorAll('.entry')).toHaveLength(6);

    const first = text(page, '#entry-0');
    expect(first).toContain('消费积分（订单 202611211530）');
    expect(first).toContain('2026-11-21 15:30');
    expect(first).toContain('静安嘉里中心店');
    expect(first).toContain('+384');
    expect(page.querySelector('#entry-0')!.dom!.querySelector('[class*="entry__points--gain"]')).toBeTruthy();

    expect(text(page, '#entry-1')).toContain('-156');
    expect(page.querySelector('#entry-1')!.dom!.querySelector('[class*="entry__points--loss"]')).toBeTruthy();
  });

  it('loads the next page with the cursor from "加载更多" and on reaching the bottom', async () => {
    const cloud = installCloud(
      byAction({
        'member.pointsHistory': (payload: unknown) =>
          ok((payload as { cursor?: string }).cursor === 'cursor-2' ? demo.pointsPage2 : demo.pointsPage1),
      }),
    );
    const page = await openPage();

    await tap(page, '#load-more');
    expect(cloud.calls[1]).toEqual({ name: 'member', action: 'pointsHistory', payload: { cursor: 'cursor-2', limit: 20 } });
    expect(page.querySelectorAll('.entry')).toHaveLength(9);
    expect(text(page, '#entry-6')).toContain('2024年积分到期');
    expect(text(page, '#no-more')).toBe('没有更多了');

    // Nothing more to load: reaching the bottom asks nothing.
    page.instance.onReachBottom();
    await settle();
    expect(cloud.calls).toHaveLength(2);
  });

  it('loads more when the list is scrolled to the bottom', async () => {
    const cloud = installCloud(byAction({ 'member.pointsHistory': ok(demo.pointsPage1) }));
    const page = await openPage();
    page.instance.onReachBottom();
    await settle();
    expect(cloud.calls).toHaveLength(2);
    expect(cloud.calls[1]!.payload).toEqual({ cursor: 'cursor-2', limit: 20 });
  });

  it('shows an empty state for a member without entries', async () => {
    installCloud(byAction({ 'member.pointsHistory': ok(demo.pointsEmpty) }));
    const page = await openPage();
    expect(text(page, '#state >> #state-empty-text')).toBe('暂无积分记录，消费后即可获得积分');
    expect(exists(page, '#entries')).toBe(false);
  });

  it('shows the server message when the first page fails', async () => {
    installCloud(byAction({ 'member.pointsHistory': fail('NOT_MEMBER') }));
    const page = await openPage();
    expect(text(page, '#state >> #state-error-text')).toBe('您还不是会员，请先加入会员');
  });

  it('keeps the loaded entries when a further page fails, and retries from the footer', async () => {
    const cloud = installCloud(byAction({ 'member.pointsHistory': ok(demo.pointsPage1) }));
    const page = await openPage();

    cloud.setRoute(offline);
    await tap(page, '#load-more');
    expect(page.querySelectorAll('.entry')).toHaveLength(6);
    expect(text(page, '#more-error')).toBe('网络异常，请检查网络后重试，点击重试');

    cloud.setRoute(byAction({ 'member.pointsHistory': ok(demo.pointsPage2) }));
    await tap(page, '#more-error');
    expect(page.querySelectorAll('.entry')).toHaveLength(9);
  });

  it('offers 积分变动提醒 while she has no send left, asks from the tap, and reports the answer', async () => {
    const api = wx as unknown as Record<string, unknown>;
    const prompt = jest.fn((options: { tmplIds: string[]; success: (result: Record<string, string>) => void }) => options.success({ [options.tmplIds[0]]: 'accept' }));
    api.requestSubscribeMessage = prompt;
    const toast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
    const cloud = installCloud(byAction({ 'member.pointsHistory': ok(demo.pointsPage1), 'member.subscribe': ok({ subscriptions: demo.card.subscriptions }) }));
    const page = await openPage();
    expect(text(page, '#remind')).toContain('消费得积分、积分变动时通知我');
    await tap(page, '#remind');
    await settle();
    expect(prompt.mock.calls[0][0].tmplIds).toEqual(['local-points-changed']);
    expect(cloud.calls[1]).toMatchObject({ action: 'subscribe', payload: { accepted: ['points_changed'] } });
    expect(exists(page, '#remind')).toBe(false);
    toast.mockRestore();
    delete api.requestSubscribeMessage;
  });

  it('offers nothing when she can still receive it', async () => {
    installCloud(byAction({ 'member.pointsHistory': ok({ ...demo.pointsPage1, subscriptions: demo.card.subscriptions }) }));
    const page = await openPage();
    expect(exists(page, '#remind')).toBe(false);
  });
});
