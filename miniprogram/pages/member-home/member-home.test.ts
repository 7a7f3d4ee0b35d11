import path from 'node:path';
import simulate from 'miniprogram-simulate';

const MINIPROGRAM_ROOT = path.resolve(__dirname, '../..');

function renderPage() {
  const id = simulate.load(path.join(__dirname, 'member-home'), {
    rootPath: MINIPROGRAM_ROOT,
    usingComponents: { 'van-empty': '/miniprogram_npm/@vant/weapp/empty/index' },
  });
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  return page;
}

describe('member-home (placeholder)', () => {
  beforeEach(() => {
    jest.resetModules();
  });

  it('says the member card is coming and shows no balance before a member record exists', () => {
    const page = renderPage();
    expect(page.querySelector('#placeholder')?.dom?.textContent).toContain('会员卡即将上线');
    expect(page.querySelector('#balance')).toBeUndefined();
  });

  it('formats the balance with the synced shared/format/money module', () => {
    const page = renderPage();
    page.instance._showBalance(1234);
    expect(page.querySelector('#balance')?.dom?.textContent).toBe('储值余额 ¥12.34');
  });
});
