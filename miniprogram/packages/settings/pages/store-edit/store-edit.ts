import { loadState } from '../../../../behaviors/load-state';
import { settingsView } from '../../behaviors/settings-view';
import { callAdmin } from '../../../../services/cloud';
import type { SettingsView } from '../../../../shared/contracts/settings-views';
import type { VantEvent } from '../../../../types/vant-event';

/**
 * 门店 (admins): a new store (its code is given by the server) or an existing one's name, address and
 * whether it is open. Opened with ?storeId= to edit; the store comes from the settings call.
 */
type Data = {
  loaded: boolean;
  storeId: string;
  name: string;
  address: string;
  active: boolean;
  fieldErrors: Record<string, string>;
  saving: boolean;
};

type Methods = {
  onLoad(query: Record<string, string | undefined>): void;
  onName(event: VantEvent<string>): void;
  onAddress(event: VantEvent<string>): void;
  onActive(event: VantEvent<boolean>): void;
  onSave(): void;
  _show(view: SettingsView): Partial<Data>;
};

Component<Data, {}, Methods, [typeof loadState, typeof settingsView], {}, true>({
  behaviors: [loadState, settingsView],
  data: { loaded: false, storeId: '', name: '', address: '', active: true, fieldErrors: {}, saving: false },
  methods: {
    onLoad(query) {
      this.setData({ storeId: query.storeId ?? '' });
      if (query.storeId) this._reload();
      else this.setData({ loaded: true });
      wx.setNavigationBarTitle({ title: query.storeId ? '编辑门店' : '新增门店' });
    },


    _show(view) {
      const store = view.stores.find((s) => s.storeId === this.data.storeId);
      return store ? { loaded: true, name: store.name, address: store.address, active: store.active } : { loaded: true };
    },

    onName(event) {
      this.setData({ name: String(event.detail) });
    },

    onAddress(event) {
      this.setData({ address: String(event.detail) });
    },

    onActive(event) {
      this.setData({ active: event.detail === true });
    },

    onSave() {
      if (this.data.saving) return;
      const { storeId, name, address, active } = this.data;
      this.setData({ saving: true, fieldErrors: {} });
      callAdmin('saveStore', { ...(storeId ? { storeId } : {}), name, address, active }).then(
        (store) => {
          this.setData({ saving: false, storeId: store.storeId });
          wx.showToast({ title: storeId ? '已保存' : `已新增 ${store.storeId}`, icon: 'success' });
          setTimeout(() => wx.navigateBack(), 800);
        },
        (error: unknown) => this._formFailed(error, 'saving'),
      );
    },
  },
});
