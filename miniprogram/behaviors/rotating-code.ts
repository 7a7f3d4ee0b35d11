import { MEMBER_CODE_BRIGHTNESS, MEMBER_CODE_REFRESH_LEAD_MS } from '../config/member-code';

/**
 * A code shown for a clerk to scan that stops working after a while (the member code, a coupon's code):
 * the screen is brightened while it is shown, a countdown ticks, the next code is fetched shortly before
 * this one expires, and nothing runs once the page is hidden or gone. The page supplies `_reload` (its
 * one call, through load-state's `_load`) and calls `_showCode(ttlSeconds)` once a code is drawn.
 */

/** A refresh is never scheduled sooner than this, even for a TTL shorter than the lead time. */
const MIN_REFRESH_DELAY_MS = 1_000;

interface State {
  refreshTimer: number | null;
  tickTimer: number | null;
  /** Phone-clock time the shown code stops working, from the TTL (immune to a wrong phone clock). */
  expiresAtMs: number;
  savedBrightness: number | null;
  brightened: boolean;
}

const states = new WeakMap<object, State>();

function stateOf(page: object): State {
  let state = states.get(page);
  if (!state) states.set(page, (state = { refreshTimer: null, tickTimer: null, expiresAtMs: 0, savedBrightness: null, brightened: false }));
  return state;
}

export const rotatingCode = Behavior({
  data: {
    secondsLeft: 0,
  },
  lifetimes: {
    detached() {
      (this as unknown as { _leave(): void })._leave();
    },
  },
  methods: {
    onShow() {
      this._brighten();
      this._reload();
    },

    onHide() {
      this._leave();
    },

    onUnload() {
      this._leave();
    },

    onRefresh() {
      this._reload();
    },

    /** The page's one call; it replaces this, usually with `_loadCode`. */
    _reload() {},

    /** Fetches a code through load-state's `_load`, then draws it (`_draw`) and starts its countdown. */
    _loadCode<T extends { ttlSeconds: number }>(task: () => Promise<T>, toData: (view: T) => WechatMiniprogram.IAnyObject) {
      this._stopTimers();
      const page = this as unknown as { _load(task: () => Promise<T>, toData: (view: T) => WechatMiniprogram.IAnyObject): Promise<T | undefined>; _draw(view: T): void };
      page._load(task, toData).then((view) => {
        if (!view) return;
        page._draw(view);
        this._showCode(view.ttlSeconds);
      });
    },

    /** Starts the countdown and schedules the next code for a code that lives `ttlSeconds`. */
    _showCode(ttlSeconds: number) {
      const state = stateOf(this);
      this._stopTimers();
      const ttlMs = ttlSeconds * 1000;
      state.expiresAtMs = Date.now() + ttlMs;
      this.setData({ secondsLeft: ttlSeconds });
      state.refreshTimer = setTimeout(() => this._reload(), Math.max(MIN_REFRESH_DELAY_MS, ttlMs - MEMBER_CODE_REFRESH_LEAD_MS)) as unknown as number;
      state.tickTimer = setInterval(() => this._tick(), 1000) as unknown as number;
    },

    _tick() {
      const secondsLeft = Math.max(0, Math.ceil((stateOf(this).expiresAtMs - Date.now()) / 1000));
      if (secondsLeft !== this.data.secondsLeft) this.setData({ secondsLeft });
    },

    _stopTimers() {
      const state = stateOf(this);
      if (state.refreshTimer !== null) clearTimeout(state.refreshTimer);
      if (state.tickTimer !== null) clearInterval(state.tickTimer);
      state.refreshTimer = null;
      state.tickTimer = null;
    },

    _leave() {
      this._stopTimers();
      this._restoreBrightness();
    },

    /**
     * Scanners read a dim screen badly. Raised only once the current level is known, so leaving can
     * put it back; failures (old base library, refused) leave the screen as it was.
     */
    _brighten() {
      const state = stateOf(this);
      if (state.brightened) return;
      state.brightened = true;
      wx.getScreenBrightness({
        success: (result) => {
          // The page may have been left before the answer came.
          if (!state.brightened) return;
          state.savedBrightness = result.value;
          wx.setScreenBrightness({ value: MEMBER_CODE_BRIGHTNESS, fail: () => undefined });
        },
        fail: () => undefined,
      });
    },

    _restoreBrightness() {
      const state = stateOf(this);
      if (!state.brightened) return;
      state.brightened = false;
      const saved = state.savedBrightness;
      state.savedBrightness = null;
      if (saved !== null) wx.setScreenBrightness({ value: saved, fail: () => undefined });
    },
  },
});
