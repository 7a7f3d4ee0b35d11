interface TabBarInstance {
  selectTab?: (pagePath: string) => void;
}

/**
 * Highlights `pagePath` in the custom tab bar. Tab pages call this on every show because each page
 * owns a separate tab bar instance that does not know which page it sits on.
 */
export function selectTab(page: WechatMiniprogram.Component.TrivialInstance, pagePath: string): void {
  // getTabBar is missing outside tab pages (and in unit tests) and returns nothing before the bar
  // is attached.
  if (typeof page.getTabBar !== 'function') return;
  const tabBar = page.getTabBar() as TabBarInstance | undefined;
  tabBar?.selectTab?.(pagePath);
}
