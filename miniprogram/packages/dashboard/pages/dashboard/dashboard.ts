import { loadState } from '../../../../behaviors/load-state';
import { callAction } from '../../../../services/cloud';
import type { DashboardContract, DashboardView } from '../../../../shared/contracts/dashboard';
import { FUNCTIONS } from '../../../../shared/contracts/pages';
import { formatFenShort } from '../../../../shared/format/money';
import { dashboardCharts, type ChartSpec } from '../../chart-options';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const UCharts = require('../../vendor/u-charts.js') as new (opts: Record<string, unknown>) => unknown;

/**
 * 经营看板 (managers: their store; admins: the brand, a store, the stores side by side): the range's
 * figures, daily trends, the members by tier and segment, clerks and stores — one dashboard.overview
 * call, read from the daily rollups. Charts are uCharts on <canvas type="2d">, drawn after the data
 * is set; this page lives in its own subpackage with the chart library so the main package stays small.
 */
type Range = '7' | '30' | '90' | 'month';
const RANGES: Array<{ value: Range; label: string }> = [
  { value: '7', label: '近7天' },
  { value: '30', label: '近30天' },
  { value: '90', label: '近90天' },
  { value: 'month', label: '本月' },
];

interface Kpi {
  label: string;
  value: string;
}

type Data = {
  range: Range;
  ranges: typeof RANGES;
  storeIndex: number;
  storeOptions: Array<{ id: string; name: string }>;
  view: { scopeName: string; from: string; to: string } | null;
  kpis: Kpi[];
  memberKpis: Kpi[];
  segments: Array<{ key: string; name: string; count: number; percent: number }>;
  staff: Array<{ staffId: string; name: string; sales: string; newMembers: number; tasksDone: number }>;
  comparison: Array<{ storeId: string; storeName: string; sales: string; purchases: number; averageTicket: string; newMembers: number }>;
  campaigns: Array<{ id: string; name: string; granted: number; rate: string; sales: string }>;
  charts: Array<{ id: string; title: string }>;
};

type Methods = {
  onLoad(): void;
  onRange(event: WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { value: Range }>): void;
  onStore(event: WechatMiniprogram.PickerChange): void;
  _reload(): void;
  _show(view: DashboardView): Partial<Data>;
  _draw(specs: ChartSpec[]): void;
};

function kpisOf(view: DashboardView): Kpi[] {
  const s = view.summary;
  return [
    { label: '会员销售额', value: formatFenShort(s.salesFen) },
    { label: '订单数', value: String(s.purchases) },
    { label: '客单价', value: formatFenShort(s.averageTicketFen) },
    { label: '复购率', value: `${s.repurchasePercent}%` },
    { label: '新会员', value: String(s.newMembers) },
    { label: '用券销售占比', value: `${s.couponSalesPercent}%` },
    { label: '核销优惠券', value: String(s.couponsUsed) },
    { label: '待办完成率', value: `${s.taskCompletionPercent}%` },
  ];
}

Component<Data, {}, Methods, [typeof loadState], { _specs: ChartSpec[] }, true>({
  behaviors: [loadState],
  data: {
    range: '30',
    ranges: RANGES,
    storeIndex: 0,
    storeOptions: [],
    view: null,
    kpis: [],
    memberKpis: [],
    segments: [],
    staff: [],
    comparison: [],
    campaigns: [],
    charts: [],
  },
  methods: {
    onLoad() {
      this._reload();
    },

    _reload() {
      const store = this.data.storeOptions[this.data.storeIndex];
      void this._load(
        () => callAction<DashboardContract, 'overview'>(FUNCTIONS.dashboard, 'overview', { range: this.data.range, ...(store && store.id ? { storeId: store.id } : {}) }),
        (view) => this._show(view),
      ).then((view) => {
        if (view) this._draw(this._specs);
      });
    },

    _show(view) {
      this._specs = dashboardCharts(view);
      const members = view.members;
      return {
        view: { scopeName: view.scopeName, from: view.from, to: view.to },
        storeOptions: view.stores.length > 1 ? [{ id: '', name: '全部门店' }, ...view.stores] : [],
        kpis: kpisOf(view),
        memberKpis: members
          ? [
              { label: '会员总数', value: String(members.total) },
              { label: '活跃占比', value: `${members.activePercent}%` },
              { label: '沉睡占比', value: `${members.dormantPercent}%` },
            ]
          : [],
        segments: members ? members.segments.map((s) => ({ ...s, percent: members.total ? Math.round((s.count * 100) / members.total) : 0 })) : [],
        staff: view.staff.map((s) => ({ staffId: s.staffId, name: s.name, sales: formatFenShort(s.salesFen), newMembers: s.newMembers, tasksDone: s.tasksDone })),
        comparison: view.comparison.map((s) => ({ storeId: s.storeId, storeName: s.storeName, sales: formatFenShort(s.salesFen), purchases: s.purchases, averageTicket: formatFenShort(s.averageTicketFen), newMembers: s.newMembers })),
        campaigns: view.campaigns.map((c) => ({ id: c.id, name: c.name, granted: c.granted, rate: `${c.redemptionPercent}%`, sales: formatFenShort(c.salesFen) })),
        charts: this._specs.map((spec) => ({ id: spec.id, title: spec.title })),
      };
    },

    /** Each chart on its canvas node once the view has rendered it (none in a test renderer: skipped). */
    _draw(specs) {
      const ratio = wx.getWindowInfo ? wx.getWindowInfo().pixelRatio : 2;
      for (const spec of specs) {
        this.createSelectorQuery()
          .select(`#chart-${spec.id}`)
          .fields({ node: true, size: true })
          .exec((result: Array<{ node?: WechatMiniprogram.Canvas; width: number; height: number } | null>) => {
            const found = result?.[0];
            if (!found?.node) return;
            const canvas = found.node;
            canvas.width = found.width * ratio;
            canvas.height = found.height * ratio;
            new UCharts({ ...spec.opts, context: canvas.getContext('2d'), width: found.width * ratio, height: found.height * ratio, pixelRatio: ratio });
          });
      }
    },

    onRange(event) {
      const value = event.currentTarget.dataset.value;
      if (value === this.data.range) return;
      this.setData({ range: value });
      this._reload();
    },

    onStore(event) {
      this.setData({ storeIndex: Number(event.detail.value) });
      this._reload();
    },
  },
});
