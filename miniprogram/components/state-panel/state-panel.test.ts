import { render, tap, text, exists } from '../../test-support/simulate';

const PANEL = 'components/state-panel/state-panel';

describe('state-panel', () => {
  beforeEach(() => jest.resetModules());

  it('shows loading first, then an error, then the empty text', () => {
    const panel = render(PANEL, { loading: true, errorMessage: '出错了', empty: true });
    expect(exists(panel, '#state-loading')).toBe(true);
    expect(exists(panel, '#state-error')).toBe(false);

    panel.setData({ loading: false });
    expect(text(panel, '#state-error-text')).toBe('出错了');

    panel.setData({ errorMessage: '', emptyText: '暂无记录' });
    expect(text(panel, '#state-empty-text')).toBe('暂无记录');
  });

  it('shows nothing when all is well', () => {
    const panel = render(PANEL);
    expect(panel.dom?.textContent?.trim()).toBe('');
  });

  it('emits retry from the error state', async () => {
    const panel = render(PANEL, { errorMessage: '网络异常，请检查网络后重试' });
    const trigger = jest.spyOn(panel.instance, 'triggerEvent');
    await tap(panel, '#state-retry');
    expect(trigger).toHaveBeenCalledWith('retry');
  });
});
