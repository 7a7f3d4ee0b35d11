import path from 'node:path';
import simulate from 'miniprogram-simulate';
import appJson from '../app.json';

const MINIPROGRAM_ROOT = path.resolve(__dirname, '..');
const VANT = '/miniprogram_npm/@vant/weapp';

type StaffRole = typeof import('../stores/staff-role');
type Tabs = typeof import('../config/tabs');

/**
 * Modules are re-required after jest.resetModules so the test talks to the same store instance
 * as the freshly loaded component.
 */
function freshModules(): { role: StaffRole; tabs: Tabs } {
  return { role: require('../stores/staff-role') as StaffRole, tabs: require('../config/tabs') as Tabs };
}

function renderTabBar() {
  const id = simulate.load(path.join(__dirname, 'index'), {
    rootPath: MINIPROGRAM_ROOT,
    // simulate cannot resolve npm names from index.json; point it at the packed Vant files.
    usingComponents: {
      'van-tabbar': `${VANT}/tabbar/index`,
      'van-tabbar-item': `${VANT}/tabbar-item/index`,
    },
  });
  const tabBar = simulate.render(id);
  tabBar.attach(document.createElement('parent-wrapper'));
  return tabBar;
}

function tabTexts(tabBar: ReturnType<typeof renderTabBar>): string[] {
  return tabBar.querySelectorAll('.tab-item').map((item) => item.dom?.textContent?.trim() ?? '');
}

describe('custom tab bar', () => {
  let switchTab: jest.SpyInstance;

  beforeEach(() => {
    jest.resetModules();
    switchTab = jest.spyOn(wx, 'switchTab').mockImplementation(() => Promise.resolve({ errMsg: 'switchTab:ok' }));
  });

  afterEach(() => {
    switchTab.mockRestore();
  });

  it('lists the same tabs as app.json, so every switchTab target is a declared tab page', () => {
    const { tabs } = freshModules();
    expect(tabs.TABS.map((tab) => tab.pagePath)).toEqual(appJson.tabBar.list.map((tab) => `/${tab.pagePath}`));
    expect(tabs.TABS.map((tab) => tab.text)).toEqual(appJson.tabBar.list.map((tab) => tab.text));
  });

  it('shows only the member tab to customers', () => {
    const tabBar = renderTabBar();
    expect(tabTexts(tabBar)).toEqual(['会员']);
  });

  it('shows the staff tab once the user is known to be staff', () => {
    const { role } = freshModules();
    role.setIsStaff(true);
    const tabBar = renderTabBar();
    expect(tabTexts(tabBar)).toEqual(['会员', '店员']);
  });

  it('adds and removes the staff tab when the role changes while shown', () => {
    const { role } = freshModules();
    const tabBar = renderTabBar();
    role.setIsStaff(true);
    expect(tabTexts(tabBar)).toEqual(['会员', '店员']);
    role.setIsStaff(false);
    expect(tabTexts(tabBar)).toEqual(['会员']);
  });

  it('stops listening to the role once detached', () => {
    const { role } = freshModules();
    const tabBar = renderTabBar();
    tabBar.detach();
    expect(() => role.setIsStaff(true)).not.toThrow();
    expect(tabBar.data.tabs).toHaveLength(1);
  });

  it('switches to the tapped tab', async () => {
    const { role, tabs } = freshModules();
    role.setIsStaff(true);
    const tabBar = renderTabBar();
    tabBar.instance.selectTab(tabs.MEMBER_HOME_PATH);

    tabBar.querySelector('#tab-1')?.querySelector('.van-tabbar-item')?.dispatchEvent('tap');
    await simulate.sleep(0); // j-component dispatches events asynchronously

    expect(switchTab).toHaveBeenCalledTimes(1);
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/staff-home/staff-home' });
  });

  it('does not navigate when the current tab is tapped again', async () => {
    const { tabs } = freshModules();
    const tabBar = renderTabBar();
    tabBar.instance.selectTab(tabs.MEMBER_HOME_PATH);

    tabBar.querySelector('#tab-0')?.querySelector('.van-tabbar-item')?.dispatchEvent('tap');
    await simulate.sleep(0);

    expect(switchTab).not.toHaveBeenCalled();
  });

  it('highlights the tab its page selected', () => {
    const { tabs } = freshModules();
    const tabBar = renderTabBar();
    tabBar.instance.selectTab(tabs.MEMBER_HOME_PATH);
    expect(tabBar.querySelector('#tab-0')?.data.active).toBe(true);
  });
});
