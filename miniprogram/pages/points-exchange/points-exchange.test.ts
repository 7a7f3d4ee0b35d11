import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { answerModals, render, settle, show, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/points-exchange/points-exchange';

const showPage = () => show(PAGE);

describe('points-exchange', () => {
  let showModal: jest.SpyInstance;
  let showToast: jest.SpyInstance;
  let confirm = true;
  beforeEach(() => {
    jest.resetModules();
    confirm = true;
    showModal = answerModals(() => ({ confirm }));
    showToast = jest.spyOn(wx, 'showToast').mockImplementation((() => undefined) as never);
  });
  afterEach(() => {
    showModal.mockRestore();
    showToast.mockRestore();
  });

  it('shows the balance and each coupon’s cost; one too dear says so and cannot be exchanged', async () => {
    installCloud(byAction({ 'coupons.exchangeList': ok({ pointsBalance: 2_460, offers: demo.exchangeOffers }) }));
    const page = await showPage();
    expect(text(page, '#balance')).toBe('2,460');
    expect(text(page, '#offer-0')).toContain('300 积分');
    expect(text(page, '#offer-0')).toContain('剩余 212 张');
    expect(text(page, '#offer-1')).toContain('5,000 积分');
    expect(text(page, '#offer-1')).toContain('积分不足');
  });

  it('asks first, then exchanges once and shows the new balance', async () => {
    const cloud = installCloud(
      byAction({ 'coupons.exchangeList': ok({ pointsBalance: 2_460, offers: demo.exchangeOffers }), 'coupons.exchange': ok({ coupon: demo.couponGift, pointsBalance: 2_160 }) }),
    );
    const page = await showPage();
    confirm = false;
    await tap(page, '#exchange-0');
    expect(cloud.calls.filter((c) => c.action === 'exchange')).toHaveLength(0);
    confirm = true;
    await tap(page, '#exchange-0');
    expect(showModal.mock.calls[1][0].content).toBe('将使用 300 积分 兑换「帆布袋兑换券」，兑换后积分不退回。');
    expect(cloud.calls.find((c) => c.action === 'exchange')!.payload).toMatchObject({ templateId: 'TGIFTBG', requestId: expect.stringMatching(/^[0-9a-z]{20}$/) });
    expect(showToast).toHaveBeenCalledWith({ title: '兑换成功，已放入卡包', icon: 'none' });
  });

  it('explains a refusal', async () => {
    installCloud(byAction({ 'coupons.exchangeList': ok({ pointsBalance: 2_460, offers: demo.exchangeOffers }), 'coupons.exchange': fail('OUT_OF_STOCK') }));
    const page = await showPage();
    await tap(page, '#exchange-0');
    expect(showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '兑换未成功', content: '券已被领完' }));
  });
});
