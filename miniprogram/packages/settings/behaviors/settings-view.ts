import { callAdmin, toActionFailure } from '../../../services/cloud';
import type { SettingsView } from '../../../shared/contracts/settings-views';

/**
 * The settings pages' one call: the brand's settings (admin.settings) through load-state's `_load`,
 * shown by the page's `_show(view)`. List it after loadState; a page that loads only sometimes
 * (store-edit without a store) overrides `onLoad` and calls `_reload` itself. `_formFailed` shows a
 * refused save: each field's problem at its field (`fieldErrors`), the first one as a toast.
 */
type Host = {
  _load<T>(task: () => Promise<T>, toData: (value: T) => WechatMiniprogram.IAnyObject): Promise<T | undefined>;
  _show(view: SettingsView): WechatMiniprogram.IAnyObject;
};

export const settingsView = Behavior({
  methods: {
    onLoad() {
      (this as unknown as { _reload(): void })._reload();
    },

    _reload() {
      const host = this as unknown as Host;
      void host._load(() => callAdmin('settings', {}), (view) => host._show(view));
    },

    /** `busyFlag` is the data field the page set while waiting (saving, busy). */
    _formFailed(error: unknown, busyFlag: string) {
      const failure = toActionFailure(error);
      this.setData({ [busyFlag]: false, fieldErrors: failure.fields ?? {} });
      wx.showToast({ title: failure.headline, icon: 'none' });
    },
  },
});
