import { loadState } from '../../behaviors/load-state';
import { pagedList, type ListPage } from '../../behaviors/paged-list';
import { callCare } from '../../services/cloud';
import type { OutputOf } from '../../shared/contracts/action';
import type { CareContract } from '../../shared/contracts/care';
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
};

type Answer = OutputOf<CareContract, 'audit'>;

type Props = {
  staffId: { type: StringConstructor; value: string };
  memberId: { type: StringConstructor; value: string };
  /** The staff member's or customer's name, for the filter chip. */
  name: { type: StringConstructor; value: string };
};

type Methods = {
  onLoad(): void;
  onDay(event: WechatMiniprogram.PickerChange): void;
  onClearDay(): void;
  onClearStaff(): void;
  onClearMember(): void;
  onStaff(event: FilterTap): void;
  onMember(event: FilterTap): void;
  _filters(): { staffId?: string; memberId?: string; day?: string };
  _fetchPage(cursor: string | null): Promise<Answer>;
  _toPage(view: Answer): ListPage<EntryRow>;
  _rowsKey(): 'entries';
};

/** A tap on an entry's staff name or customer: data-id and data-name. */
type FilterTap = WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { id: string; name: string }>;

type Instance = {
  _staffId: string;
  _memberId: string;
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

Component<Data, Props, Methods, [typeof loadState, typeof pagedList], Instance, true>({
  behaviors: [loadState, pagedList],
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
  },
  lifetimes: {
    created() {
      this._staffId = '';
      this._memberId = '';
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

    _filters() {
      const filters: { staffId?: string; memberId?: string; day?: string } = {};
      if (this._staffId) filters.staffId = this._staffId;
      if (this._memberId) filters.memberId = this._memberId;
      if (this.data.day) filters.day = this.data.day;
      return filters;
    },

    _fetchPage(cursor) {
      return callCare('audit', { ...this._filters(), ...(cursor ? { cursor } : {}) });
    },

    _toPage(view) {
      return { rows: view.entries.map(toRow), nextCursor: view.nextCursor };
    },

    _rowsKey() {
      return 'entries';
    },

    onDay(event) {
      const day = String(event.detail.value);
      if (day === this.data.day) return;
      this._restart({ day });
    },

    onClearDay() {
      this._restart({ day: '' });
    },

    onClearStaff() {
      this._staffId = '';
      this._restart({ staffName: '' });
    },

    onClearMember() {
      this._memberId = '';
      this._restart({ memberName: '' });
    },

    onStaff(event) {
      const { id, name } = event.currentTarget.dataset;
      if (!id || id === this._staffId) return;
      this._staffId = id;
      this._restart({ staffName: name || '该员工' });
    },

    onMember(event) {
      const { id, name } = event.currentTarget.dataset;
      if (!id || id === this._memberId) return;
      this._memberId = id;
      this._restart({ memberName: name || '该顾客' });
    },
  },
});
