/**
 * What a screen shows instead of its content while loading, after a failure, or when there is
 * nothing to list. Pure display: the state itself lives in behaviors/load-state.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    loading: { type: Boolean, value: false },
    errorMessage: { type: String, value: '' },
    empty: { type: Boolean, value: false },
    emptyText: { type: String, value: '暂无内容' },
    /** Vant icon shown with the empty text. */
    emptyIcon: { type: String, value: 'records' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
