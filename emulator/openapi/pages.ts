/** Page-path checks shared by the APIs that take a mini-program page. */

/**
 * Whether `page` names a page of the app. An empty app page list means the cloud was started without an
 * app.json, so nothing can be checked and every page passes.
 */
export function isAppPage(page: string, appPages: string[]): boolean {
  if (appPages.length === 0) return true;
  return appPages.includes(page);
}

/** Drops a query string and one leading slash, which subscribe messages tolerate. */
export function pagePath(page: string): string {
  const withoutQuery = page.split('?')[0] ?? '';
  return withoutQuery.startsWith('/') ? withoutQuery.slice(1) : withoutQuery;
}
