import * as stock from '../../fixtures/stock';
import { byAction, installCloud, ok } from '../../test-support/cloud';
import { exists, fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/stock-lookup/stock-lookup';

describe('stock-lookup', () => {
  let showToast: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    require('../../stores/staff-profile').setStaffProfile({ staffId: 'staff-clerk-1', name: '李导购', role: 'clerk', storeId: 'S01', storeName: '静安旗舰店' });
    showToast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
  });
  afterEach(() => showToast.mockRestore());

  it('searches and shows each store’s level and units; 调货 only from other stores with stock', async () => {
    const cloud = installCloud(byAction({ 'stock.search': ok({ products: [stock.scarf, stock.cardigan] }) }));
    const page = render(PAGE);
    await fire(page, '#search', 'change', '围巾');
    await fire(page, '#search', 'search', '围巾');
    expect(cloud.calls).toEqual([{ name: 'stock', action: 'search', payload: { q: '围巾' } }]);
    expect(text(page, '#stock-DM-1001-S02')).toContain('少量 2');
    expect(text(page, '#stock-DM-1001-S01')).toContain('（本店）');
    expect(exists(page, '#transfer-DM-1001-S01')).toBe(false);
    expect(exists(page, '#transfer-DM-1002-S02')).toBe(true);
    expect(exists(page, '#hold-DM-1002-S01')).toBe(false);
  });

  it('asks the other store to send units, with a request id', async () => {
    const cloud = installCloud(byAction({ 'stock.search': ok({ products: [stock.cardigan] }), 'stock.requestHold': ok({ hold: stock.pendingHold }) }));
    const page = render(PAGE);
    await fire(page, '#search', 'change', '开衫');
    await fire(page, '#search', 'search', '开衫');
    await tap(page, '#transfer-DM-1002-S02');
    expect(text(page, '#ask')).toContain('从五角场店调货到本店');
    await fire(page, '#quantity', 'change', 2);
    await tap(page, '#submit');
    const request = cloud.calls.find((c) => c.action === 'requestHold')!;
    expect(request.payload).toMatchObject({ kind: 'transfer', sku: 'DM-1002', quantity: 2, fromStoreId: 'S02', days: 3 });
    expect((request.payload as { requestId: string }).requestId).toMatch(/^[0-9a-z]{20}$/);
    expect(showToast).toHaveBeenCalledWith({ title: '已发出调货申请', icon: 'success' });
    await settle();
  });
});
