import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { answerModals, exists, render, settle, show, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/coupon-templates/coupon-templates';

const showPage = () => show(PAGE);

describe('coupon-templates', () => {
  let navigateTo: jest.SpyInstance;
  let showModal: jest.SpyInstance;
  let answer: { confirm: boolean; content?: string } = { confirm: true };
  beforeEach(() => {
    jest.resetModules();
    answer = { confirm: true };
    navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation((() => undefined) as never);
    showModal = answerModals(() => answer);
    jest.spyOn(wx, 'showToast').mockImplementation((() => undefined) as never);
  });
  afterEach(() => jest.restoreAllMocks());

  it('lists the designs with status and figures, and only what each can do next', async () => {
    const cloud = installCloud(byAction({ 'coupons.templates': ok({ templates: demo.templates }) }));
    const page = await showPage();
    expect(cloud.calls).toEqual([{ name: 'coupons', action: 'templates', payload: {} }]);
    expect(text(page, '#status-0')).toBe('发放中');
    expect(text(page, '#template-0')).toContain('已发 712 张 · 剩余 1288 张 · 领券中心');
    expect(exists(page, '#pause-0')).toBe(true);
    expect(exists(page, '#edit-0')).toBe(false);
    expect(text(page, '#status-1')).toBe('草稿');
    expect(text(page, '#publish-1')).toBe('发布');
    expect(exists(page, '#stats-1')).toBe(false);
  });

  it('publishes after a confirmation, adds stock, and shows the figures', async () => {
    const cloud = installCloud(
      byAction({
        'coupons.templates': ok({ templates: demo.templates }),
        'coupons.setTemplateStatus': ok(demo.templates[1]),
        'coupons.addStock': ok(demo.templates[0]),
        'coupons.templateStats': ok({ templateId: 'TM30050', granted: 712, used: 301, redemptionRate: 301 / 712, attributedSalesFen: 15_880_000, perStore: [{ storeId: 'S001', storeName: '静安嘉里中心店', used: 301, attributedSalesFen: 15_880_000 }] }),
      }),
    );
    const page = await showPage();
    await tap(page, '#publish-1');
    expect(cloud.calls).toContainEqual({ name: 'coupons', action: 'setTemplateStatus', payload: { templateId: 'TDRAFT1', status: 'active' } });
    answer = { confirm: true, content: '200' };
    await tap(page, '#stock-0');
    expect(cloud.calls).toContainEqual({ name: 'coupons', action: 'addStock', payload: { templateId: 'TM30050', units: 200 } });
    await tap(page, '#stats-0');
    expect(showModal).toHaveBeenLastCalledWith(expect.objectContaining({ content: expect.stringContaining('已核销 301 张（42%），带动消费 ¥158800.00') }));
  });

  it('opens the editor for a draft with the draft handed over, and for a new one', async () => {
    installCloud(byAction({ 'coupons.templates': ok({ templates: demo.templates }) }));
    const page = await showPage();
    await tap(page, '#edit-1');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/coupon-template-edit/coupon-template-edit?templateId=TDRAFT1' });
    expect(require('../../stores/template-handoff').takeTemplate('TDRAFT1')).toMatchObject({ name: '店庆满500减80' });
    await tap(page, '#create');
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/coupon-template-edit/coupon-template-edit' });
  });

  it('shows why an action was refused', async () => {
    installCloud(byAction({ 'coupons.templates': ok({ templates: demo.templates }), 'coupons.setTemplateStatus': fail('FORBIDDEN') }));
    const page = await showPage();
    await tap(page, '#end-0');
    expect(showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '操作失败', content: '没有权限执行此操作' }));
  });
});
