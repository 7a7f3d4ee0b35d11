import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { answerModals, exists, render, settle, show, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/pending-sales/pending-sales';

const showPage = () => show(PAGE);

describe('pending-sales', () => {
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

  it('lists the waiting sales from one call: amount, customer (masked), clerk, order', async () => {
    const cloud = installCloud(byAction({ 'staff.pendingSales': ok({ sales: demo.pendingSales }) }));
    const page = await showPage();
    expect(cloud.calls).toEqual([{ name: 'staff', action: 'pendingSales', payload: {} }]);
    const first = text(page, '#sale-0');
    expect(first).toContain('¥68800.00');
    expect(first).toContain('林晓雯 138****6621');
    expect(first).toContain('店员：陈静');
    expect(first).toContain('订单：202611281902');
    expect(first).toContain('品类：大衣');
    expect(text(page, '#sale-1')).toContain('会员 139****0417');
  });

  it('confirming asks first, then records it and takes the row away', async () => {
    const cloud = installCloud(
      byAction({ 'staff.pendingSales': ok({ sales: demo.pendingSales }), 'staff.approveSale': ok(demo.purchaseUpgraded) }),
    );
    const page = await showPage();
    confirm = false;
    await tap(page, '#approve-0');
    expect(cloud.calls.map((c) => c.action)).toEqual(['pendingSales']);
    confirm = true;
    await tap(page, '#approve-0');
    expect(showModal.mock.calls[1][0].content).toContain('陈静 为 林晓雯 138****6621 录入 ¥68800.00');
    expect(cloud.calls[1]).toEqual({ name: 'staff', action: 'approveSale', payload: { approvalId: 'S001_202611281902' } });
    expect(text(page, '#sale-0')).toContain('¥52000.00');
    expect(exists(page, '#sale-1')).toBe(false);
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已确认记入' }));
  });

  it('declining closes it; a failure keeps the row and shows the server message', async () => {
    const cloud = installCloud(
      byAction({ 'staff.pendingSales': ok({ sales: demo.pendingSales }), 'staff.declineSale': fail('APPROVAL_NOT_FOUND') }),
    );
    const page = await showPage();
    await tap(page, '#decline-1');
    expect(cloud.calls[1]).toEqual({ name: 'staff', action: 'declineSale', payload: { approvalId: 'S001_202611281730' } });
    expect(exists(page, '#sale-1')).toBe(true);
    expect(showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '操作失败', content: '待确认的消费不存在或已处理' }));
  });

  it('says so when nothing waits, and offers a retry after an error', async () => {
    const cloud = installCloud(byAction({ 'staff.pendingSales': ok({ sales: [] }) }));
    const page = await showPage();
    expect(text(page, '#state >> #state-empty-text')).toBe('没有待确认的消费');

    cloud.setRoute(byAction({ 'staff.pendingSales': fail('FORBIDDEN') }));
    page.instance.onShow();
    await settle();
    expect(text(page, '#state >> #state-error-text')).toBe('没有权限执行此操作');
  });
});
