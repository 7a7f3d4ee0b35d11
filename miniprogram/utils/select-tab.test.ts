import { selectTab } from './select-tab';

type Page = WechatMiniprogram.Component.TrivialInstance;

describe('selectTab', () => {
  it('tells the page’s tab bar which tab to highlight', () => {
    const tabBar = { selectTab: jest.fn() };
    selectTab({ getTabBar: () => tabBar } as unknown as Page, '/pages/member-home/member-home');
    expect(tabBar.selectTab).toHaveBeenCalledWith('/pages/member-home/member-home');
  });

  it('does nothing where there is no tab bar (non-tab pages, unit tests)', () => {
    expect(() => selectTab({} as Page, '/pages/x/x')).not.toThrow();
    expect(() => selectTab({ getTabBar: () => undefined } as unknown as Page, '/pages/x/x')).not.toThrow();
  });
});
