import { loadState } from '../../behaviors/load-state';
import { STAFF_HOME_PATH } from '../../config/tabs';
import { callStaff, toActionFailure } from '../../services/cloud';
import type { StaffView } from '../../shared/contracts/views';
import type { VantEvent } from '../../types/vant-event';
import { handOffCustomer } from '../../stores/customer-handoff';
import { setStaffProfile } from '../../stores/staff-profile';
import { setIsStaff } from '../../stores/staff-role';
import { roleName } from '../../utils/member-text';
import { selectTab } from '../../utils/select-tab';

/**
 * The clerk's workbench: who and where they are (staff.me), the entries to their follow-ups (with the
 * count due from the same call), customers and, by role, staff and audit, and the scan that starts
 * every sale.
 * A scanned member code is resolved here (staff.resolveMemberCode) and the customer view is handed
 * to the customer page, so the till flow costs one call per screen.
 */

interface StaffDisplay {
  name: string;
  roleText: string;
  storeName: string;
  /** Managers and admins: clerks' sales waiting for them (0 hides the entry). */
  pendingSales: number;
  manages: boolean;
  admin: boolean;
  /** Open follow-ups due today or overdue: the 待办 badge ('' hides it). */
  tasksBadge: string;
}

function toDisplay(view: StaffView): StaffDisplay {
  const due = view.tasksDue ?? 0;
  return {
    name: view.name,
    roleText: roleName(view.role),
    storeName: view.storeName,
    pendingSales: view.pendingSales ?? 0,
    manages: view.role !== 'clerk',
    admin: view.role === 'admin',
    tasksBadge: due <= 0 ? '' : due > 99 ? '99+' : String(due),
  };
}

/** The barcode's number as a clerk types it from the shopper's screen: 18 digits, spaces allowed. */
const TYPED_CODE = /^\d{18}$/;

type Data = {
  staff: StaffDisplay | null;
  /** staff.me has answered (null staff means "not bound"). */
  loaded: boolean;
  scanning: boolean;
  scanError: string;
  /** The typed-code field is open (when nothing scans). */
  typing: boolean;
  typedCode: string;
};

type Methods = {
  onShow(): void;
  onScan(): void;
  onBind(): void;
  onTypeCode(): void;
  onTypedCodeInput(event: VantEvent<string>): void;
  onSubmitTypedCode(): void;
  onOpenPendingSales(): void;
  onOpenCouponTemplates(): void;
  onOpenTasks(): void;
  onOpenCustomers(): void;
  onOpenStaff(): void;
  onOpenAudit(): void;
  onOpenCampaigns(): void;
  onOpenDashboard(): void;
  onOpenStock(): void;
  onOpenCounterCodes(): void;
  onOpenHolds(): void;
  onOpenJourneys(): void;
  onOpenMessageSettings(): void;
  onOpenSettings(): void;
  _reload(): void;
  _resolve(token: string): void;
};

Component<Data, {}, Methods, [typeof loadState], {}, true>({
  behaviors: [loadState],
  data: {
    staff: null,
    loaded: false,
    scanning: false,
    scanError: '',
    typing: false,
    typedCode: '',
  },
  methods: {
    onShow() {
      selectTab(this, STAFF_HOME_PATH);
      this._reload();
    },

    _reload() {
      this._load(
        () => callStaff('me', {}),
        (view: StaffView | null) => ({
          loaded: true,
          staff: view ? toDisplay(view) : null,
        }),
      ).then((view) => {
        // undefined = the call failed: the role is unknown, so the tab bar keeps what it had.
        if (view === undefined) return;
        setIsStaff(view !== null);
        setStaffProfile(view);
      });
    },

    onBind() {
      wx.navigateTo({ url: '/pages/staff-bind/staff-bind' });
    },

    onScan() {
      if (this.data.scanning) return;
      this.setData({ scanError: '' });
      wx.scanCode({
        onlyFromCamera: false,
        scanType: ['qrCode', 'barCode'],
        success: (result) => this._resolve(result.result),
        fail: (error) => {
          // Closing the scanner is not an error worth a message.
          if (!/cancel/i.test(error.errMsg)) this.setData({ scanError: '扫码失败，请重试' });
        },
      });
    },

    onTypeCode() {
      this.setData({ typing: !this.data.typing, scanError: '' });
    },

    onTypedCodeInput(event) {
      this.setData({ typedCode: event.detail, scanError: '' });
    },

    onSubmitTypedCode() {
      const digits = this.data.typedCode.replace(/\s+/g, '');
      if (!TYPED_CODE.test(digits)) {
        this.setData({ scanError: '请输入顾客会员码下方的18位数字' });
        return;
      }
      this._resolve(digits);
    },

    onOpenPendingSales() {
      wx.navigateTo({ url: '/pages/pending-sales/pending-sales' });
    },

    onOpenCouponTemplates() {
      wx.navigateTo({ url: '/pages/coupon-templates/coupon-templates' });
    },

    onOpenTasks() {
      wx.navigateTo({ url: '/pages/tasks/tasks' });
    },

    onOpenCustomers() {
      wx.navigateTo({ url: '/pages/customers/customers' });
    },

    onOpenStaff() {
      wx.navigateTo({ url: '/pages/staff-manage/staff-manage' });
    },

    onOpenAudit() {
      wx.navigateTo({ url: '/pages/audit-log/audit-log' });
    },

    onOpenCounterCodes() {
      wx.navigateTo({ url: '/pages/counter-codes/counter-codes' });
    },

    onOpenStock() {
      wx.navigateTo({ url: '/pages/stock-lookup/stock-lookup' });
    },

    onOpenHolds() {
      wx.navigateTo({ url: '/pages/stock-holds/stock-holds' });
    },

    onOpenDashboard() {
      wx.navigateTo({ url: '/packages/dashboard/pages/dashboard/dashboard' });
    },

    onOpenCampaigns() {
      wx.navigateTo({ url: '/pages/campaigns/campaigns' });
    },

    onOpenJourneys() {
      wx.navigateTo({ url: '/pages/journeys/journeys' });
    },

    onOpenMessageSettings() {
      wx.navigateTo({ url: '/pages/message-settings/message-settings' });
    },

    onOpenSettings() {
      wx.navigateTo({ url: '/packages/settings/pages/settings/settings' });
    },

    _resolve(token) {
      this.setData({ scanning: true });
      callStaff('resolveMemberCode', { token: token.trim() }).then(
        (customer) => {
          this.setData({ scanning: false, typing: false, typedCode: '' });
          handOffCustomer(customer);
          wx.navigateTo({ url: `/pages/customer/customer?memberId=${encodeURIComponent(customer.memberId)}` });
        },
        (error: unknown) => {
          this.setData({ scanning: false, scanError: toActionFailure(error).message });
        },
      );
    },
  },
});
