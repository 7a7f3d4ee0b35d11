/**
 * The tabs of the custom tab bar. Must list the same pages, in the same order, as `tabBar.list` in
 * app.json: WeChat only allows `wx.switchTab` to pages declared there.
 */
export interface TabConfig {
  /** Absolute page path, as `wx.switchTab` wants it. */
  pagePath: string;
  text: string;
  /** Vant icon name. */
  icon: string;
  /** Hidden from customers: only shop staff get the staff workbench. */
  staffOnly: boolean;
}

export const MEMBER_HOME_PATH = '/pages/member-home/member-home';
export const STAFF_HOME_PATH = '/pages/staff-home/staff-home';

export const TABS: readonly TabConfig[] = [
  { pagePath: MEMBER_HOME_PATH, text: '会员', icon: 'vip-card-o', staffOnly: false },
  { pagePath: STAFF_HOME_PATH, text: '店员', icon: 'manager-o', staffOnly: true },
];
