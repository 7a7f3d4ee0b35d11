import { convertRpx, exportHtml, pageChrome, replacePageSelector, resolveHostSelectors } from './export-html';
import { MINIPROGRAM_ROOT } from '../lib/paths';

describe('screenshot export', () => {
  it('converts rpx at a 375 px wide screen, decimals and negatives included', () => {
    expect(convertRpx('padding: 32rpx 24rpx; margin-top: -8rpx; border: 1px solid; width: 0.5rpx')).toBe(
      'padding: 16px 12px; margin-top: -4px; border: 1px solid; width: 0.25px',
    );
  });

  it('points WXSS page rules at the page frame', () => {
    expect(replacePageSelector('page{--x:1}.a page .b{}.pager{}page,.c{}')).toBe('.page-frame{--x:1}.a .page-frame .b{}.pager{}.page-frame,.c{}');
  });

  it('turns :host into the component tag its classes are prefixed with', () => {
    const css = '.x--van-hairline{}:host{flex:1}.van-tabbar-item--van-tabbar-item{display:flex}';
    expect(resolveHostSelectors(css)).toBe('.x--van-hairline{}van-tabbar-item{flex:1}.van-tabbar-item--van-tabbar-item{display:flex}');
  });

  it('reads the navigation bar from app.json and the page json', () => {
    expect(pageChrome(MINIPROGRAM_ROOT, 'pages/member-code/member-code', false)).toEqual({
      title: '会员码',
      navBackground: '#1989fa',
      navText: 'white',
      pageBackground: '#1989fa',
      back: true,
    });
    expect(pageChrome(MINIPROGRAM_ROOT, 'pages/member-home/member-home', true)).toMatchObject({ title: '会员中心', back: false });
  });

  it('embeds the icon font instead of the CDN one and keeps the page markup', () => {
    const html = exportHtml({
      chrome: { title: '会员中心', navBackground: '#fff', navText: 'black', pageBackground: '#f7f8fa', back: false },
      appCss: 'page{color:#323233}',
      componentCss: '@font-face{font-family:vant-icon;src:url(//at.alicdn.com/t/font.woff2)}.a{margin:20rpx}',
      pageHtml: '<main><wx-view class="a">积分</wx-view></main>',
    });
    expect(html).toContain("src:url('data:font/woff2");
    expect(html).not.toContain('at.alicdn.com');
    expect(html).toContain('.a{margin:10px}');
    expect(html).toContain('<wx-view class="a">积分</wx-view>');
    expect(html).toContain('<title>会员中心</title>');
  });
});
