import { render, tap } from '../../test-support/simulate';

const KEYPAD = 'components/amount-keypad/amount-keypad';

describe('amount-keypad', () => {
  beforeEach(() => jest.resetModules());

  it('reports each key and the delete key', async () => {
    const keypad = render(KEYPAD);
    const trigger = jest.spyOn(keypad.instance, 'triggerEvent');

    for (const id of ['#key-1', '#key-point', '#key-0', '#key-delete']) await tap(keypad, id);

    expect(trigger.mock.calls).toEqual([
      ['press', { key: '1' }],
      ['press', { key: '.' }],
      ['press', { key: '0' }],
      ['press', { key: 'delete' }],
    ]);
  });

  it('confirms only when enabled and not busy', async () => {
    const keypad = render(KEYPAD, { confirmDisabled: true });
    const trigger = jest.spyOn(keypad.instance, 'triggerEvent');
    const confirm = () => trigger.mock.calls.filter((call: unknown[]) => call[0] === 'confirm');

    await tap(keypad, '#key-confirm');
    expect(confirm()).toHaveLength(0);

    keypad.setData({ confirmDisabled: false });
    await tap(keypad, '#key-confirm');
    expect(confirm()).toHaveLength(1);

    keypad.setData({ loading: true });
    await tap(keypad, '#key-confirm');
    expect(confirm()).toHaveLength(1);
  });
});
