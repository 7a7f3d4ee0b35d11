import { toActionFailure } from '../services/cloud';

/**
 * A list shown a page at a time: the first page through load-state's `_load` (the state panel covers
 * it), each next one asked for with the previous answer's cursor when the bottom is reached or 加载更多
 * (or the retry under the rows) is tapped, its rows appended. List it after loadState: its `_reload`
 * (the first page) replaces load-state's placeholder, so onRetry asks for the first page again.
 *
 * The page supplies `_fetchPage` (its one call, for a cursor; null asks for the first page),
 * `_toPage` (an answer → its rows, the next cursor and any other fields it updates) and `_rowsKey`
 * (the data array the rows go in), and sends a change of tab or filter through `_restart`.
 */

/** What one answer shows. */
export interface ListPage<Row> {
  rows: Row[];
  nextCursor: string | null;
  /** Other fields the same answer updates, in the same setData as the rows (the tabs' counts…). */
  data?: WechatMiniprogram.IAnyObject;
}

interface State {
  cursor: string | null;
  /** Bumped by every first page (a tab, search, filter or reload): a next page of an older list arriving late is dropped. */
  generation: number;
}

const states = new WeakMap<object, State>();

function stateOf(page: object): State {
  let state = states.get(page);
  if (!state) states.set(page, (state = { cursor: null, generation: 0 }));
  return state;
}

/** What this behavior uses of load-state, which the page lists before it. */
type LoadStateHost = {
  data: { loading: boolean };
  _load<T>(task: () => Promise<T>, toData: (value: T) => WechatMiniprogram.IAnyObject): Promise<T | undefined>;
};

export const pagedList = Behavior({
  data: {
    /** The first page has answered (so an empty list is really empty). */
    loaded: false,
    hasMore: false,
    loadingMore: false,
    /** Why the next page failed (the rows shown stay); '' when fine. */
    moreError: '',
  },
  methods: {
    onReachBottom() {
      this.onLoadMore();
    },

    /** The first page, from no cursor; the rows it answers replace the list. */
    _reload() {
      const state = stateOf(this);
      state.generation += 1;
      state.cursor = null;
      const key = this._rowsKey();
      (this as unknown as LoadStateHost)._load(
        () => this._fetchPage(null),
        (answer) => {
          const page = this._toPage(answer, true);
          state.cursor = page.nextCursor;
          // A next page dropped by the new generation left loadingMore on.
          return { loaded: true, [key]: page.rows, ...page.data, hasMore: page.nextCursor !== null, moreError: '', loadingMore: false };
        },
      );
    },

    /** A new list (another tab, search or filter, with `change` applied): the old rows go at once. */
    _restart(change: WechatMiniprogram.IAnyObject) {
      this.setData({ ...change, [this._rowsKey()]: [], loaded: false, hasMore: false, loadingMore: false, moreError: '' });
      this._reload();
    },

    onLoadMore() {
      const state = stateOf(this);
      const cursor = state.cursor;
      if (!cursor || this.data.loadingMore || (this as unknown as LoadStateHost).data.loading) return;
      const generation = state.generation;
      this.setData({ loadingMore: true, moreError: '' });
      this._fetchPage(cursor).then(
        (answer) => {
          if (generation !== state.generation) return;
          const page = this._toPage(answer, false);
          state.cursor = page.nextCursor;
          // Only the new rows travel to the view layer, not the whole list again.
          const key = this._rowsKey();
          const start = ((this.data as WechatMiniprogram.IAnyObject)[key] as unknown[]).length;
          const appended: WechatMiniprogram.IAnyObject = {};
          page.rows.forEach((row, index) => {
            appended[`${key}[${start + index}]`] = row;
          });
          this.setData({ ...appended, ...page.data, loadingMore: false, hasMore: page.nextCursor !== null });
        },
        (error: unknown) => {
          if (generation !== state.generation) return;
          this.setData({ loadingMore: false, moreError: toActionFailure(error).message });
        },
      );
    },

    /** The page's one call for the page after `cursor` (null: the first page); each page replaces it. */
    _fetchPage(_cursor: string | null): Promise<unknown> {
      return Promise.resolve(undefined);
    },

    /** What an answer shows (`first` for the first page); each page replaces it. */
    _toPage(_answer: unknown, _first: boolean): ListPage<unknown> {
      return { rows: [], nextCursor: null };
    },

    /** The data array the rows go in; each page replaces it. */
    _rowsKey(): string {
      return 'rows';
    },
  },
});
