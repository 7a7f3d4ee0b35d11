import { toActionFailure } from '../services/cloud';

/**
 * The loading / error state every screen shows around its one cloud call, with the retry handler
 * the state panel's button triggers. A page overrides `_reload` with its call (component methods
 * take precedence over a behavior's) and runs that call through `_load`.
 */

/** Which `_load` is the newest per page: an older answer arriving late must not overwrite a newer one. */
const latestLoad = new WeakMap<object, number>();

export const loadState = Behavior({
  data: {
    loading: false,
    /** The server's Chinese `error.message` (or the network message); '' when fine. */
    errorMessage: '',
    /** The failure's code, for pages that treat one specially (member-home: NOT_MEMBER). */
    errorCode: '',
  },
  methods: {
    /**
     * Runs `task` with the loading state on, then applies its result in the same setData that turns
     * loading off (one render). Resolves undefined when the call failed or a newer load superseded it.
     */
    async _load<T>(task: () => Promise<T>, toData: (value: T) => WechatMiniprogram.IAnyObject): Promise<T | undefined> {
      const ticket = (latestLoad.get(this) ?? 0) + 1;
      latestLoad.set(this, ticket);
      this.setData({ loading: true, errorMessage: '', errorCode: '' });
      try {
        const value = await task();
        if (latestLoad.get(this) !== ticket) return undefined;
        this.setData({ loading: false, ...toData(value) });
        return value;
      } catch (error) {
        if (latestLoad.get(this) !== ticket) return undefined;
        const failure = toActionFailure(error);
        // A field the server refused says more than "输入有误" (e.g. 姓名不能包含特殊控制字符).
        const fieldMessage = failure.fields ? Object.values(failure.fields)[0] : undefined;
        this.setData({ loading: false, errorMessage: fieldMessage ?? failure.message, errorCode: failure.code });
        return undefined;
      }
    },

    onRetry() {
      this._reload();
    },

    /** The page's one cloud call; each page using this behavior replaces it. */
    _reload() {},
  },
});
