import { byAction, installCloud, ok } from '../../test-support/cloud';
import { render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/counter-codes/counter-codes';

const codes = {
  codes: [
    { storeId: 'S01', staffId: null, label: '静安旗舰店', scene: 's=S01', page: 'pages/join/join', pngBase64: 'iVBORw0KGgo=' },
    { storeId: 'S01', staffId: 'staff-clerk-1', label: '静安旗舰店 · 李导购', scene: 's=S01&c=CLK001', page: 'pages/join/join', pngBase64: 'iVBORw0KGgo=' },
  ],
};

describe('counter-codes', () => {
  beforeEach(() => jest.resetModules());

  it('shows the store’s code and each clerk’s from one call, and saves one to the album', async () => {
    const api = wx as unknown as Record<string, unknown>;
    const save = jest.fn((options: { filePath: string; success: () => void; complete: () => void }) => {
      options.success();
      options.complete();
    });
    api.saveImageToPhotosAlbum = save;
    const toast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
    const cloud = installCloud(byAction({ 'admin.counterCodes': ok(codes) }));
    const page = render(PAGE, { storeId: 'S01' });
    page.instance.onLoad();
    await settle();
    expect(cloud.calls).toEqual([{ name: 'admin', action: 'counterCodes', payload: { storeId: 'S01' } }]);
    expect(text(page, '#label-1')).toBe('静安旗舰店 · 李导购');
    await tap(page, '#save-1');
    expect(save.mock.calls[0][0].filePath).toMatch(/counter-code-1\.png$|^data:image\/png;base64,/);
    expect(toast).toHaveBeenCalledWith({ title: '已保存到相册', icon: 'success' });
    toast.mockRestore();
    delete api.saveImageToPhotosAlbum;
  });
});
