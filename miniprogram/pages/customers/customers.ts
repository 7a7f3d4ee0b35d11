import { loadState } from '../../behaviors/load-state';
import { pagedList, type ListPage } from '../../behaviors/paged-list';
import { callCare } from '../../services/cloud';
import type { InputOf, OutputOf } from '../../shared/contracts/action';
import type { CareContract } from '../../shared/contracts/care';
import type { CustomerListItemView, CustomerScope, CustomerSort, Segment } from '../../shared/contracts/care-views';
import { formatShanghaiDate } from '../../shared/format/datetime';
import { formatFen } from '../../shared/format/money';
import { DEFAULT_BRAND_SETTINGS } from '../../shared/rules/brand-settings';
import { SEGMENT_LABELS } from '../../shared/rules/segments';
import { getStaffProfile } from '../../stores/staff-profile';
import type { VantEvent } from '../../types/vant-event';
import { textColorOn } from '../../utils/member-text';

/**
 * 顾客: the customers a staff member serves (我的顾客), their store's (门店顾客) and, for admins, all
 * of them. Search by name or the phone's last four digits, filter by segment and tier, sort; each
 * page of the list is one care.customers call, the next one asked for with the answer's cursor.
 */

type Scope = CustomerScope;
/** 'any' stands for "no filter" in the dropdowns (an option needs a value). */
const ANY = 'any';

const SCOPE_LABELS: Record<Scope, string> = { mine: '我的顾客', store: '门店顾客', all: '全部' };

const SEGMENT_ORDER: Segment[] = ['vip', 'active', 'new', 'regular', 'dormant'];
const SEGMENT_OPTIONS = [{ text: '全部分群', value: ANY }, ...SEGMENT_ORDER.map((segment) => ({ text: SEGMENT_LABELS[segment], value: segment }))];

/** The tier filter: the brand's tiers as the list answers them (the defaults until the first answer). */
function tierOptionsOf(tiers: Array<{ id: string; name: string }>) {
  return [{ text: '全部等级', value: ANY }, ...tiers.map((tier) => ({ text: tier.name, value: tier.id }))];
}
const TIER_OPTIONS = tierOptionsOf(DEFAULT_BRAND_SETTINGS.tiers);

const SORT_OPTIONS: Array<{ text: string; value: CustomerSort }> = [
  { text: '最近到店', value: 'lastVisit' },
  { text: '近12月消费', value: 'spend' },
  { text: '热度', value: 'heat' },
];

interface TagChip {
  id: string;
  name: string;
  auto: boolean;
}

interface CustomerRow {
  memberId: string;
  name: string;
  phoneMasked: string;
  tierName: string;
  tierColor: string;
  tierTextColor: string;
  segment: Segment;
  segmentText: string;
  heat: number;
  /** hot ≥ 70, warm ≥ 40, cold below: the colour of the number. */
  heatLevel: 'hot' | 'warm' | 'cold';
  lastVisitText: string;
  spendText: string;
  staffText: string;
  tags: TagChip[];
}

const MAX_ROW_TAGS = 3;

function heatLevel(heat: number): CustomerRow['heatLevel'] {
  if (heat >= 70) return 'hot';
  if (heat >= 40) return 'warm';
  return 'cold';
}

function toRow(view: CustomerListItemView, showStaff: boolean): CustomerRow {
  return {
    memberId: view.memberId,
    name: view.name || '未填写姓名',
    phoneMasked: view.phoneMasked || '未绑定手机号',
    tierName: view.tierName,
    tierColor: view.tierColor,
    tierTextColor: textColorOn(view.tierColor),
    segment: view.segment,
    segmentText: SEGMENT_LABELS[view.segment],
    heat: view.heat,
    heatLevel: heatLevel(view.heat),
    lastVisitText: view.lastPurchaseAt ? `最近到店 ${formatShanghaiDate(view.lastPurchaseAt)}` : '尚未消费',
    spendText: `近12月 ${formatFen(view.spend12mFen)}`,
    // Everyone on 我的顾客 is served by the viewer; elsewhere who serves them is worth a glance.
    staffText: showStaff && view.servingStaffName ? `导购 ${view.servingStaffName}` : '',
    tags: view.tags.slice(0, MAX_ROW_TAGS).map((tag) => ({ id: tag.id, name: tag.name, auto: tag.auto })),
  };
}

/** Digits only but not four of them: neither a name nor the phone's last four, so nothing would match. */
function searchProblem(q: string): string {
  if (/^\d+$/.test(q) && q.length !== 4) return '按手机号搜索请输入后4位';
  return '';
}

type Data = {
  scope: Scope;
  tabs: Array<{ name: Scope; label: string }>;
  q: string;
  searchHint: string;
  segment: string;
  tierId: string;
  sort: CustomerSort;
  segmentOptions: typeof SEGMENT_OPTIONS;
  tierOptions: typeof TIER_OPTIONS;
  sortOptions: typeof SORT_OPTIONS;
  customers: CustomerRow[];
  emptyText: string;
};

type Answer = OutputOf<CareContract, 'customers'>;

type FilterEvent = VantEvent<string> & { currentTarget: { dataset: { filter: 'segment' | 'tierId' | 'sort' } } };

type Methods = {
  onLoad(): void;
  onSelectTab(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { scope: Scope }>): void;
  onSearchInput(event: VantEvent<string>): void;
  onSearch(event: VantEvent<string>): void;
  onClearSearch(): void;
  onFilter(event: FilterEvent): void;
  onOpenCustomer(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { memberId: string }>): void;
  _query(cursor: string | null): InputOf<CareContract, 'customers'>;
  _fetchPage(cursor: string | null): Promise<Answer>;
  _toPage(view: Answer, first: boolean): ListPage<CustomerRow>;
  _rowsKey(): 'customers';
};

type Instance = {
  /** The search actually sent (the field may hold text not searched yet). */
  _q: string;
};

Component<Data, {}, Methods, [typeof loadState, typeof pagedList], Instance, true>({
  behaviors: [loadState, pagedList],
  data: {
    scope: 'mine',
    tabs: [],
    q: '',
    searchHint: '',
    segment: ANY,
    tierId: ANY,
    sort: 'lastVisit',
    segmentOptions: SEGMENT_OPTIONS,
    tierOptions: TIER_OPTIONS,
    sortOptions: SORT_OPTIONS,
    customers: [],
    emptyText: '',
  },
  lifetimes: {
    created() {
      this._q = '';
    },
  },
  methods: {
    onLoad() {
      // Display only: the server decides what each scope holds for this caller, and refuses 全部 to non-admins.
      const scopes: Scope[] = getStaffProfile()?.role === 'admin' ? ['mine', 'store', 'all'] : ['mine', 'store'];
      this.setData({ tabs: scopes.map((name) => ({ name, label: SCOPE_LABELS[name] })) });
      this._reload();
    },

    onSelectTab(event) {
      const { scope } = event.currentTarget.dataset;
      if (scope === this.data.scope) return;
      this._restart({ scope });
    },

    onSearchInput(event) {
      // Emptying the field by hand ends the search, as the clear icon does.
      if (event.detail === '' && this._q) return this.onClearSearch();
      this.setData({ q: event.detail, searchHint: '' });
    },

    onSearch(event) {
      const q = (event.detail ?? this.data.q).trim();
      const hint = searchProblem(q);
      if (hint) {
        this.setData({ q, searchHint: hint });
        return;
      }
      this._q = q;
      this._restart({ q, searchHint: '' });
    },

    onClearSearch() {
      if (!this._q) return this.setData({ q: '', searchHint: '' });
      this._q = '';
      this._restart({ q: '', searchHint: '' });
    },

    onFilter(event) {
      const { filter } = event.currentTarget.dataset;
      if (this.data[filter] === event.detail) return;
      this._restart({ [filter]: event.detail });
    },

    _query(cursor) {
      const { scope, segment, tierId, sort } = this.data;
      return {
        scope,
        sort,
        ...(this._q ? { q: this._q } : {}),
        ...(segment !== ANY ? { segment: segment as Segment } : {}),
        ...(tierId !== ANY ? { tierId } : {}),
        ...(cursor ? { cursor } : {}),
      };
    },

    _fetchPage(cursor) {
      return callCare('customers', this._query(cursor));
    },

    _toPage(view, first) {
      // A change of scope, search or filter starts a new list (a late answer for the old one is dropped),
      // so the filters now are the ones this answer was asked for.
      const { scope, segment, tierId } = this.data;
      const rows = view.customers.map((c) => toRow(c, scope !== 'mine'));
      if (!first) return { rows, nextCursor: view.nextCursor };
      const filtered = Boolean(this._q) || segment !== ANY || tierId !== ANY;
      const emptyText = filtered ? '没有符合条件的顾客' : scope === 'mine' ? '还没有由您服务的顾客' : '还没有顾客';
      return { rows, nextCursor: view.nextCursor, data: { emptyText, tierOptions: tierOptionsOf(view.tiers) } };
    },

    _rowsKey() {
      return 'customers';
    },

    onOpenCustomer(event) {
      const { memberId } = event.currentTarget.dataset;
      wx.navigateTo({ url: `/pages/customer-profile/customer-profile?memberId=${encodeURIComponent(memberId)}` });
    },
  },
});
