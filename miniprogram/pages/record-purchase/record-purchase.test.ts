import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { exists, fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/record-purchase/record-purchase';

async function openPage() {
  const page = render(PAGE, { memberId: demo.MEMBER_ID, name: encodeURIComponent('林晓雯') });
  page.instance.onLoad();
  await settle();
  return page;
}

/** The sale calls, without the page's one coupon load. */
function saleCalls(cloud: { calls: Array<{ action: string }> }) {
  return cloud.calls.filter((call) => call.action !== 'saleCoupons');
}

async function typeAmount(page: Awaited<ReturnType<typeof openPage>>, keys: string) {
  for (const key of keys) await tap(page, `#keypad >> #key-${key === '.' ? 'point' : key === '<' ? 'delete' : key}`);
}

describe('record-purchase', () => {
  let navigateBack: jest.SpyInstance;

  beforeEach(() => {
    jest.resetModules();
    navigateBack = jest.spyOn(wx, 'navigateBack').mockImplementation((() => undefined) as never);
  });

  afterEach(() => navigateBack.mockRestore());

  it('converts the keypad amount to fen exactly and records with one staff.recordPurchase call', async () => {
    const cloud = installCloud(byAction({ 'staff.recordPurchase': ok(demo.purchaseUpgraded) }));
    const page = await openPage();
    expect(text(page, '#customer-name')).toBe('林晓雯');
    expect(page.data.orderNo).toMatch(/^\d{14}$/);

    await typeAmount(page, '1288.29');
    expect(text(page, '#amount')).toBe('¥1288.29');
    await fire(page, '#order-no', 'change', 'POS-20261123-0042');
    await tap(page, '#category-0');
    await tap(page, '#category-3');
    await tap(page, '#keypad >> #key-confirm');

    expect(saleCalls(cloud)).toEqual([
      {
        name: 'staff',
        action: 'recordPurchase',
        payload: { memberId: demo.MEMBER_ID, amountFen: 128829, orderNo: 'POS-20261123-0042', categories: ['上装', '配饰'], couponIds: [] },
      },
    ]);
  });

  it('needs only amount and 确认 with the suggested order number', async () => {
    const cloud = installCloud(byAction({ 'staff.recordPurchase': ok(demo.purchaseUpgraded) }));
    const page = await openPage();
    const suggested = page.data.orderNo;

    await typeAmount(page, '0.29');
    await tap(page, '#keypad >> #key-confirm');

    expect(saleCalls(cloud)[0] as unknown).toMatchObject({ payload: { memberId: demo.MEMBER_ID, amountFen: 29, orderNo: suggested, categories: [], couponIds: [] } });
  });

  it('shows points earned, the new balance and an upgrade banner', async () => {
    installCloud(byAction({ 'staff.recordPurchase': ok(demo.purchaseUpgraded) }));
    const page = await openPage();
    await typeAmount(page, '1288');
    await tap(page, '#keypad >> #key-confirm');

    expect(text(page, '#result-title')).toBe('消费已记录');
    expect(text(page, '#points-earned')).toBe('+1,545');
    expect(text(page, '#points-balance')).toBe('4,005');
    expect(text(page, '#upgrade-banner')).toBe('恭喜顾客升级为 金卡');

    await tap(page, '#done');
    expect(navigateBack).toHaveBeenCalled();
  });

  it('says a repeated order was not counted twice', async () => {
    installCloud(byAction({ 'staff.recordPurchase': ok(demo.purchaseDuplicate) }));
    const page = await openPage();
    await typeAmount(page, '1288');
    await tap(page, '#keypad >> #key-confirm');

    expect(text(page, '#result-title')).toBe('该订单已记录，未重复计分');
    expect(exists(page, '#upgrade-banner')).toBe(false);
  });

  it('keeps 确认 disabled until there is an amount, and allows no third decimal', async () => {
    const cloud = installCloud(byAction({}));
    const page = await openPage();
    await tap(page, '#keypad >> #key-confirm');
    expect(saleCalls(cloud)).toEqual([]);

    await typeAmount(page, '12.345<');
    expect(page.data.amountText).toBe('12.3');
    await typeAmount(page, '<<<<');
    expect(page.data.canSubmit).toBe(false);
  });

  it('requires a valid order number', async () => {
    const cloud = installCloud(byAction({}));
    const page = await openPage();
    await typeAmount(page, '99');
    await fire(page, '#order-no', 'change', '  ');
    await tap(page, '#keypad >> #key-confirm');
    expect(text(page, '#form-error')).toBe('请输入订单号');

    await fire(page, '#order-no', 'change', '单号 1');
    await tap(page, '#keypad >> #key-confirm');
    expect(text(page, '#form-error')).toBe('订单号只能包含字母、数字、-和_，最多40位');
    expect(saleCalls(cloud)).toEqual([]);
  });

  it('shows the server message and stays on the form', async () => {
    installCloud(byAction({ 'staff.recordPurchase': fail('ORDER_CONFLICT') }));
    const page = await openPage();
    await typeAmount(page, '50');
    await tap(page, '#keypad >> #key-confirm');
    expect(text(page, '#form-error')).toBe('该订单号已用于其他会员或金额，请核对订单号');
    expect(exists(page, '#result')).toBe(false);
    expect(page.data.amountText).toBe('50');
  });

  it('starts a fresh form for another purchase', async () => {
    installCloud(byAction({ 'staff.recordPurchase': ok(demo.purchaseUpgraded) }));
    const page = await openPage();
    await typeAmount(page, '1288');
    await tap(page, '#category-1');
    await tap(page, '#keypad >> #key-confirm');
    await tap(page, '#record-another');

    expect(exists(page, '#result')).toBe(false);
    expect(page.data.amountText).toBe('');
    expect(page.data.categories.every((category: { selected: boolean }) => !category.selected)).toBe(true);
  });

  it('tells a clerk a big sale went to the manager, as a notice and not an error', async () => {
    installCloud(byAction({ 'staff.recordPurchase': fail('APPROVAL_REQUIRED') }));
    const page = await openPage();
    await typeAmount(page, '68800');
    await tap(page, '#keypad >> #key-confirm');
    expect(text(page, '#approval-notice')).toBe('金额超过店员单笔上限，已提交店长确认，确认后自动记入');
    expect(exists(page, '#form-error')).toBe(false);
    expect(exists(page, '#result')).toBe(false);
  });

  it('says a clerk cannot record on their own membership', async () => {
    installCloud(byAction({ 'staff.recordPurchase': fail('OWN_MEMBERSHIP') }));
    const page = await openPage();
    await typeAmount(page, '100');
    await tap(page, '#keypad >> #key-confirm');
    expect(text(page, '#form-error')).toBe('不能为自己的会员账户办理，请由其他同事操作');
  });

  describe('with coupons', () => {
    const withCoupons = (extra: Record<string, unknown> = {}) =>
      byAction({ 'staff.saleCoupons': ok({ coupons: demo.saleCoupons }), 'staff.recordPurchase': ok(demo.purchaseWithCoupon), ...extra });

    async function openWithTier() {
      const page = render(PAGE, { memberId: demo.MEMBER_ID, name: encodeURIComponent('林晓雯'), multiplier: '1200' });
      page.instance.onLoad();
      await settle();
      return page;
    }

    it('suggests the best coupon for the amount as it is typed, with what is payable and the points', async () => {
      const cloud = installCloud(withCoupons());
      const page = await openWithTier();
      expect(cloud.calls).toEqual([{ name: 'staff', action: 'saleCoupons', payload: { memberId: demo.MEMBER_ID } }]);
      await typeAmount(page, '280');
      // below 满300: the 9折 (capped at ¥20) and the bag are suggested
      expect(text(page, '#preview')).toBe('应付 ¥260.00 · 已优惠 ¥20.00 · 积分 +312');
      await typeAmount(page, '0');
      expect(text(page, '#preview')).toBe('应付 ¥2750.00 · 已优惠 ¥50.00 · 积分 +3,300');
      await tap(page, '#keypad >> #key-confirm');
      expect(saleCalls(cloud)[0]).toMatchObject({ action: 'recordPurchase', payload: { amountFen: 280_000, couponIds: ['cp-300-50', 'cp-bag'] } });
      expect(text(page, '#result-saved')).toBe('已优惠 ¥50.00，实付 ¥2750.00');
    });

    it('lets the clerk pick others, refuses two money-off coupons together, and shows why one does not apply', async () => {
      installCloud(withCoupons());
      const page = await openWithTier();
      await typeAmount(page, '600');
      await tap(page, '#toggle-coupons');
      expect(text(page, '#coupon-3')).toContain('本门店不可用');
      await tap(page, '#coupon-1 >> .coupon'); // 9折 beside the 满300减50
      expect(text(page, '#coupon-problem')).toBe('每笔消费只能使用一张抵扣券');
      await tap(page, '#keypad >> #key-confirm');
      expect(text(page, '#form-error')).toBe('每笔消费只能使用一张抵扣券');
      await tap(page, '#coupon-0 >> .coupon'); // drop the 满300减50
      expect(text(page, '#preview')).toBe('应付 ¥580.00 · 已优惠 ¥20.00 · 积分 +696');
    });

    it('a scanned coupon code is used only for its holder', async () => {
      const scanCode = jest.spyOn(wx, 'scanCode').mockImplementation(((options: WechatMiniprogram.ScanCodeOption) => {
        options.success?.({ result: demo.couponCode.token } as WechatMiniprogram.ScanCodeSuccessCallbackResult);
      }) as never);
      installCloud(withCoupons({ 'staff.resolveCouponCode': ok({ coupon: demo.couponCash, memberId: 'someone-else' }) }));
      const page = await openWithTier();
      await tap(page, '#scan-coupon');
      expect(text(page, '#coupon-error')).toBe('这张券不属于该顾客');
      scanCode.mockRestore();
    });
  });
});
