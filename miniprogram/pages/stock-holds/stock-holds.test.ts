import * as stock from '../../fixtures/stock';
import { byAction, installCloud, ok } from '../../test-support/cloud';
import { exists, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/stock-holds/stock-holds';

describe('stock-holds', () => {
  beforeEach(() => jest.resetModules());

  it('lists the requests to this store and accepts one: its units are held', async () => {
    const accepted = { ...stock.pendingHold, status: 'accepted' as const, statusText: '已留货', expiresAt: '2026-12-06 11:10' };
    const cloud = installCloud(byAction({ 'stock.holds': ok({ holds: [stock.pendingHold] }), 'stock.decideHold': ok({ hold: accepted }) }));
    const page = render(PAGE);
    page.instance.onLoad();
    await settle();
    expect(cloud.calls[0]).toEqual({ name: 'stock', action: 'holds', payload: { box: 'incoming' } });
    expect(text(page, '#hold-0')).toContain('羊毛针织开衫 雾蓝 × 1');
    await tap(page, '#accept-0');
    expect(cloud.calls[1]).toEqual({ name: 'stock', action: 'decideHold', payload: { holdId: stock.pendingHold.id, accept: true } });
    expect(text(page, '#status-0')).toBe('已留货');
    expect(exists(page, '#accept-0')).toBe(false);
    await tap(page, '#box-outgoing');
    expect(cloud.calls[2].payload).toEqual({ box: 'outgoing' });
  });
});
