import { loadState } from '../../behaviors/load-state';
import { callCare, toActionFailure } from '../../services/cloud';
import type { AuditEntryView } from '../../shared/contracts/care-views';
import { formatShanghaiDate, formatShanghaiDateTime } from '../../shared/format/datetime';
import { decodeQueryValue } from '../../utils/query';

/**
 * 审计日志 (admins): who looked at or changed what, newest first, one care.audit call per page with
 * cursor paging. Filters: a Shanghai day from the date picker, and a staff member or a customer when
 * the page is opened for one (员工 → 操作记录, a customer's profile) or an entry's staff name or
 * customer is tapped; each filter shows as a chip that clears it. Filters combine: the server ANDs them.
 */

interface EntryRow {
  id: string;
  timeText: string;
  staffId: string;
  staffName: string;
  actionText: string;
  /** '' for an entry about no customer. */
  memberId: string;
  memberName: string;
  detail: string;
  /** Reading personal data (profile, phone, export) vs changing something: drawn differently. */
  sensitive: boolean;
}

type Data = {
  /** YYYY-MM-DD, '' for every day. */
  day: string;
  today: string;
  staffName: string;
  memberName: string;
  entries: EntryRow[];
  loaded: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string;
};

type Props = {
  staffId: { type: StringConstructor; value: string };
  memberId: { type: StringConstructor; value: string };
  /** The staff member's or customer's name, for the filter chip. */
  name: { type: StringConstructor; value: string };
};

type Methods = {
  onLoad(): void;
  onReachBottom(): void;
  onDay(event: WechatMiniprogram.PickerChange): void;
  onClearDay(): void;
  onClearStaff(): void;
  onClearMember(): void;
  onStaff(event: FilterTap): void;
  onMember(event: FilterTap): void;
  onLoadMore(): void;
  _reload(): void;
  _filters(): { staffId?: string; memberId?: string; day?: string };
};

/** A tap on an entry's staff name or customer: data-id and data-name. */
type FilterTap = WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { id: string; name: string }>;

type Instance = {
  _cursor: string | null;
  _staffId: string;
  _memberId: string;
  _generation: number;
};

const READS = new Set<AuditEntryView['action']>(['profile_view', 'phone_reveal', 'export']);

function toRow(entry: AuditEntryView): EntryRow {
  return {
    id: entry.id,
    timeText: formatShanghaiDateTime(entry.at),
    staffId: entry.staffId,
    staffName: entry.staffName,
    actionText: entry.actionText,
    memberId: entry.memberId ?? '',
    memberName: entry.memberName ?? '',
    detail: entry.detail,
    sensitive: READS.has(entry.action),
  };
}

Component<Data, Props, Methods, [typeof loadState], Instance, true>({
  behaviors: [loadState],
  properties: {
    staffId: { type: String, value: '' },
    memberId: { type: String, value: '' },
    name: { type: String, value: '' },
  },
  data: {
    day: '',
    today: '',
    staffName: '',
    memberName: '',
    entries: [],
    loaded: false,
    hasMore: false,
    loadingMore: false,
    moreError: '',
  },
  lifetimes: {
    created() {
      this._cursor = null;
      this._staffId = '';
      this._memberId = '';
      this._generation = 0;
    },
  },
  methods: {
    onLoad() {
      const name = decodeQueryValue(this.data.name);
      this._staffId = this.data.staffId;
      this._memberId = this.data.memberId;
      this.setData({
        today: formatShanghaiDate(new Date()),
        staffName: this._staffId ? name || '该员工' : '',
        memberName: this._memberId && !this._staffId ? name || '该顾客' : '',
      });
      this._reload();
    },

    onReachBottom() {
      this.onLoadMore();
    },

    _filters() {
      const filters: { staffId?: string; memberId?: string; day?: string } = {};
      if (this._staffId) filters.staffId = this._staffId;
      if (this._memberId) filters.memberId = this._memberId;
      if (this.data.day) filters.day = this.data.day;
      return filters;
    },

    _reload() {
      this._generation += 1;
      this._cursor = null;
      this._load(
        () => callCare('audit', this._filters()),
        (view) => {
          this._cursor = view.nextCursor;
          return { loaded: true, entries: view.entries.map(toRow), hasMore: view.nextCursor !== null, moreError: '', loadingMore: false };
        },
      );
    },

    onLoadMore() {
      const cursor = this._cursor;
      if (!cursor || this.data.loadingMore || this.data.loading) return;
      const generation = this._generation;
      this.setData({ loadingMore: true, moreError: '' });
      callCare('audit', { ...this._filters(), cursor }).then(
        (view) => {
          if (generation !== this._generation) return;
          this._cursor = view.nextCursor;
          const start = this.data.entries.length;
          const appended: WechatMiniprogram.IAnyObject = {};
          view.entries.forEach((entry, index) => {
            appended[`entries[${start + index}]`] = toRow(entry);
          });
          this.setData({ ...appended, loadingMore: false, hasMore: view.nextCursor !== null });
        },
        (error: unknown) => {
          if (generation !== this._generation) return;
          this.setData({ loadingMore: false, moreError: toActionFailure(error).message });
        },
      );
    },

    onDay(event) {
      const day = String(event.detail.value);
      if (day === this.data.day) return;
      this.setData({ day, entries: [], loaded: false });
      this._reload();
    },

    onClearDay() {
      this.setData({ day: '', entries: [], loaded: false });
      this._reload();
    },

    onClearStaff() {
      this._staffId = '';
      this.setData({ staffName: '', entries: [], loaded: false });
      this._reload();
    },

    onClearMember() {
      this._memberId = '';
      this.setData({ memberName: '', entries: [], loaded: false });
      this._reload();
    },

    onStaff(event) {
      const { id, name } = event.currentTarget.dataset;
      if (!id || id === this._staffId) return;
      this._staffId = id;
      this.setData({ staffName: name || '该员工', entries: [], loaded: false });
      this._reload();
    },

    onMember(event) {
      const { id, name } = event.currentTarget.dataset;
      if (!id || id === this._memberId) return;
      this._memberId = id;
      this.setData({ memberName: name || '该顾客', entries: [], loaded: false });
      this._reload();
    },
  },
});
