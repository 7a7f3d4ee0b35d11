import { loadState } from '../../behaviors/load-state';
import { subscribePrompt } from '../../behaviors/subscribe-prompt';
import type { SubscriptionView } from '../../shared/contracts/automation-views';
import { callMember, toActionFailure } from '../../services/cloud';
import { formatShanghaiDateTime } from '../../shared/format/datetime';
import type { LedgerEntryView, PointsHistoryView } from '../../shared/contracts/views';
import { formatCount, formatSignedPoints } from '../../utils/member-text';

/** The member's points ledger, newest first, one page per member.pointsHistory call. */

const PAGE_SIZE = 20;

interface EntryDisplay {
  id: string;
  reason: string;
  pointsText: string;
  /** Earned (green) or taken away (red). */
  gain: boolean;
  storeName: string;
  dateText: string;
}

function toEntryDisplay(entry: LedgerEntryView): EntryDisplay {
  return {
    id: entry.id,
    reason: entry.reason,
    pointsText: formatSignedPoints(entry.points),
    gain: entry.points >= 0,
    storeName: entry.storeName,
    dateText: formatShanghaiDateTime(entry.createdAt),
  };
}

type Data = {
  entries: EntryDisplay[];
  balanceText: string;
  empty: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string;
  /** 积分变动提醒 is offered while that template has no send left. */
  offerReminder: boolean;
};

type Methods = {
  onLoad(): void;
  onReachBottom(): void;
  onLoadMore(): void;
  onRemind(): void;
  _reload(): void;
};

type Instance = {
  _cursor: string | null;
  _subscriptions: SubscriptionView[];
};

Component<Data, {}, Methods, [typeof loadState, typeof subscribePrompt], Instance, true>({
  behaviors: [loadState, subscribePrompt],
  data: {
    entries: [],
    balanceText: '',
    empty: false,
    hasMore: false,
    loadingMore: false,
    moreError: '',
    offerReminder: false,
  },
  methods: {
    onLoad() {
      this._reload();
    },

    onReachBottom() {
      this.onLoadMore();
    },

    _reload() {
      this._cursor = null;
      this._load(
        () => callMember('pointsHistory', { limit: PAGE_SIZE }),
        (page: PointsHistoryView) => {
          this._cursor = page.nextCursor;
          this._subscriptions = page.subscriptions;
          return {
            offerReminder: page.subscriptions.some((sub) => sub.key === 'points_changed' && sub.remaining === 0),
            entries: page.entries.map(toEntryDisplay),
            balanceText: formatCount(page.balance),
            empty: page.entries.length === 0,
            hasMore: page.nextCursor !== null,
            moreError: '',
          };
        },
      );
    },

    /** After seeing a purchase's points is the natural moment: asked from this tap. */
    onRemind() {
      this.setData({ offerReminder: false });
      void this._askSubscribe(['points_changed']);
    },

    onLoadMore() {
      const cursor = this._cursor;
      if (!cursor || this.data.loadingMore || this.data.loading) return;
      this.setData({ loadingMore: true, moreError: '' });
      callMember('pointsHistory', { cursor, limit: PAGE_SIZE }).then(
        (page) => {
          this._cursor = page.nextCursor;
          // Only the new rows travel to the view layer, not the whole list again.
          const start = this.data.entries.length;
          const appended: WechatMiniprogram.IAnyObject = {};
          page.entries.forEach((entry, index) => {
            appended[`entries[${start + index}]`] = toEntryDisplay(entry);
          });
          this.setData({ ...appended, loadingMore: false, hasMore: page.nextCursor !== null, balanceText: formatCount(page.balance) });
        },
        (error: unknown) => {
          this.setData({ loadingMore: false, moreError: toActionFailure(error).message });
        },
      );
    },
  },
});
