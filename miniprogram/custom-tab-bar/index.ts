import { TABS, type TabConfig } from '../config/tabs';
import { getIsStaff, unwatchIsStaff, watchIsStaff } from '../stores/staff-role';
import type { VantEvent } from '../types/vant-event';

function visibleTabs(isStaff: boolean): TabConfig[] {
  return TABS.filter((tab) => isStaff || !tab.staffOnly);
}

Component({
  data: {
    tabs: visibleTabs(false),
    active: '',
  },
  lifetimes: {
    attached() {
      this._showTabs(getIsStaff());
      watchIsStaff(this, (isStaff) => this._showTabs(isStaff));
    },
    detached() {
      unwatchIsStaff(this);
    },
  },
  methods: {
    /** Called by each tab page on show (see utils/select-tab). */
    selectTab(pagePath: string) {
      this.setData({ active: pagePath });
    },

    /** van-tabbar reports the tapped item's `name`, which is its page path. */
    onChange(event: VantEvent<string>) {
      // Vant also reports a tap on the tab that is already selected.
      if (event.detail === this.data.active) return;
      wx.switchTab({ url: event.detail });
    },

    _showTabs(isStaff: boolean) {
      this.setData({ tabs: visibleTabs(isStaff) });
    },
  },
});
