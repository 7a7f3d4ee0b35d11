/**
 * One coupon as a ticket: the figure and its condition on the left, name, rule, validity and stores on
 * the right, and whatever the page puts in the slot (a button, a tick) at the end. Pure display.
 */
Component({
  options: { styleIsolation: 'apply-shared', multipleSlots: true },
  properties: {
    /** A CouponDisplay (utils/coupon-display.ts). */
    coupon: { type: Object, value: {} },
    /** Greyed out: used, expired, or not usable here. */
    muted: { type: Boolean, value: false },
    /** A reason it cannot be used, shown in orange. */
    note: { type: String, value: '' },
    selected: { type: Boolean, value: false },
  },
  methods: {
    onTap() {
      this.triggerEvent('select', { id: (this.data.coupon as { id?: string }).id ?? '' });
    },
  },
});
