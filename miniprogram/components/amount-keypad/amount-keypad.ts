import type { AmountKey } from '../../utils/amount';

/**
 * A till keypad in the style of Vant's NumberKeyboard (custom theme: digits, point, delete and a tall
 * confirm key), which Vant Weapp does not ship. It holds no amount itself: it reports each key and the
 * page applies utils/amount's pressAmountKey, so the rules stay in one tested function.
 */
type KeyDataset = { key: AmountKey };

Component({
  properties: {
    confirmText: { type: String, value: '确认' },
    confirmDisabled: { type: Boolean, value: false },
    loading: { type: Boolean, value: false },
  },
  data: {
    rows: [
      { id: 'r1', keys: ['1', '2', '3'] },
      { id: 'r2', keys: ['4', '5', '6'] },
      { id: 'r3', keys: ['7', '8', '9'] },
      { id: 'r4', keys: ['.', '0', 'delete'] },
    ] as { id: string; keys: AmountKey[] }[],
  },
  methods: {
    onKey(event: WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, KeyDataset>) {
      this.triggerEvent('press', { key: event.currentTarget.dataset.key });
    },

    onConfirm() {
      if (this.data.confirmDisabled || this.data.loading) return;
      this.triggerEvent('confirm');
    },
  },
});
