import { byAction, installCloud, ok } from '../../../../test-support/cloud';
import { fire, render, settle, tap, text } from '../../../../test-support/simulate';
import { SETTINGS } from '../../../../fixtures/settings';

const PAGE = 'packages/settings/pages/store-edit/store-edit';

describe('store-edit', () => {
  beforeEach(() => jest.resetModules());

  let toast: jest.SpyInstance;
  beforeEach(() => {
    toast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
  });
  afterEach(() => toast.mockRestore());

  const answers = () =>
    byAction({
      'admin.settings': ok(SETTINGS),
      'admin.saveStore': (payload: unknown) => ok({ storeId: (payload as { storeId?: string }).storeId ?? 'S03', name: '新店', address: '', active: true, staff: 0 }),
    });

  it('adds a store without a code: the server gives it', async () => {
    const cloud = installCloud(answers());
    const added = render(PAGE);
    added.instance.onLoad({});
    await settle();
    await fire(added, '#name', 'change', '新店');
    await tap(added, '#save');
    expect(cloud.calls).toEqual([{ name: 'admin', action: 'saveStore', payload: { name: '新店', address: '', active: true } }]);
    expect(toast).toHaveBeenLastCalledWith({ title: '已新增 S03', icon: 'success' });
  });

  it('edits a store by its code: reopening a closed one', async () => {
    const cloud = installCloud(answers());
    const edited = render(PAGE);
    edited.instance.onLoad({ storeId: 'S02' });
    await settle();
    await fire(edited, '#active', 'change', true);
    await tap(edited, '#save');
    expect(cloud.calls[1]).toEqual({ name: 'admin', action: 'saveStore', payload: { storeId: 'S02', name: '徐汇店', address: '', active: true } });
  });
});
