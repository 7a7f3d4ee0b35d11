import { loadState } from '../../behaviors/load-state';
import { callAdmin } from '../../services/cloud';
import type { CounterCodeView } from '../../shared/contracts/views';

/**
 * 柜台码 (managers and admins): the store's join code and each clerk's (a join through a clerk's code is
 * credited to them), to preview and save to the album for printing. One admin.counterCodes call; the
 * PNGs go to files in the user data folder so only their paths travel through setData.
 */
interface CodeRow {
  key: string;
  label: string;
  /** A local file path, or a data URL where the file system is not available. */
  src: string;
  saving: boolean;
}

type Data = { codes: CodeRow[] };
type Props = { storeId: { type: StringConstructor; value: string } };

type Methods = {
  onLoad(): void;
  onSave(event: WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { index: number }>): void;
  onPreview(event: WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { index: number }>): void;
  _reload(): void;
};

function toRow(code: CounterCodeView, index: number): CodeRow {
  const dataUrl = `data:image/png;base64,${code.pngBase64}`;
  const fs = typeof wx.getFileSystemManager === 'function' ? wx.getFileSystemManager() : null;
  if (!fs || !wx.env?.USER_DATA_PATH) return { key: code.scene, label: code.label, src: dataUrl, saving: false };
  const filePath = `${wx.env.USER_DATA_PATH}/counter-code-${index}.png`;
  try {
    fs.writeFileSync(filePath, code.pngBase64, 'base64');
    return { key: code.scene, label: code.label, src: filePath, saving: false };
  } catch {
    return { key: code.scene, label: code.label, src: dataUrl, saving: false };
  }
}

Component<Data, Props, Methods, [typeof loadState], {}, true>({
  behaviors: [loadState],
  properties: { storeId: { type: String, value: '' } },
  data: { codes: [] },
  methods: {
    onLoad() {
      this._reload();
    },

    _reload() {
      const storeId = this.data.storeId;
      void this._load(
        () => callAdmin('counterCodes', storeId ? { storeId } : {}),
        (view) => ({ codes: view.codes.map(toRow) }),
      );
    },

    onPreview(event) {
      const row = this.data.codes[event.currentTarget.dataset.index];
      if (row) wx.previewImage({ urls: [row.src], current: row.src });
    },

    onSave(event) {
      const index = event.currentTarget.dataset.index;
      const row = this.data.codes[index];
      if (!row || row.saving) return;
      this.setData({ [`codes[${index}].saving`]: true });
      wx.saveImageToPhotosAlbum({
        filePath: row.src,
        success: () => wx.showToast({ title: '已保存到相册', icon: 'success' }),
        // The first refusal of album access: WeChat shows its prompt only once, settings after that.
        fail: (error) => wx.showToast({ title: /auth/i.test(error.errMsg) ? '请在设置中允许保存到相册' : '保存失败，请重试', icon: 'none' }),
        complete: () => this.setData({ [`codes[${index}].saving`]: false }),
      });
    },
  },
});
