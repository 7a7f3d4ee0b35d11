/**
 * A screen that opens another which may change what it shows (record a purchase, log a note, adjust
 * points) reloads when the user comes back to it, and only then: `_openForChange(url)` marks it and
 * navigates; `onShow` runs the page's `_reload` once on return. List it after load-state, whose
 * `_reload` the page replaces.
 */
const changed = new WeakSet<object>();

export const reloadOnReturn = Behavior({
  methods: {
    _openForChange(url: string) {
      changed.add(this);
      wx.navigateTo({ url });
    },

    onShow() {
      if (!changed.delete(this)) return;
      (this as unknown as { _reload(): void })._reload();
    },
  },
});
