import { loadState } from '../../behaviors/load-state';
import { callAdmin, toActionFailure } from '../../services/cloud';
import type { HandOverView, StaffMemberView } from '../../shared/contracts/care-views';
import type { InviteView, Role } from '../../shared/contracts/views';
import { formatShanghaiLastDay } from '../../shared/format/datetime';
import { getStaffProfile } from '../../stores/staff-profile';
import type { VantEvent } from '../../types/vant-event';
import { roleName } from '../../utils/member-text';

/**
 * 员工: a store's staff with the customers and open tasks each serves, and its unused invites
 * (admin.staffList, one call). 停用并交接 disables a clerk and hands their customers and tasks to the
 * store's other clerks evenly or to one of them (admin.offboard); the hand-over may outlast that call,
 * so its progress is polled (admin.handOver) every 2 s while the screen is shown. Admins also change
 * roles (admin.updateStaff). The server checks every permission; the buttons only hide what would fail.
 */

const POLL_MS = 2_000;
const ROLES: Role[] = ['clerk', 'manager', 'admin'];
const SPREAD = 'spread';

interface StaffRow {
  staffId: string;
  name: string;
  role: Role;
  roleText: string;
  active: boolean;
  self: boolean;
  figures: string;
  canOffboard: boolean;
  canChangeRole: boolean;
}

interface InviteRow {
  code: string;
  name: string;
  roleText: string;
  expiresText: string;
}

interface SheetAction {
  name: string;
  subname?: string;
  /** staffId of the receiving clerk, 'spread', or a role. */
  value: string;
}

interface Progress {
  staffName: string;
  running: boolean;
  targetText: string;
  membersText: string;
  tasksText: string;
  percent: number;
}

type Data = {
  admin: boolean;
  rows: StaffRow[];
  invites: InviteRow[];
  loaded: boolean;
  /** Which sheet is open: choosing who receives, or a new role. */
  sheet: '' | 'offboard' | 'role';
  sheetTitle: string;
  sheetDescription: string;
  sheetActions: SheetAction[];
  progress: Progress | null;
  /** A poll that got no answer: the hand-over goes on regardless, the screen says it is retrying. */
  pollError: string;
  busy: boolean;
};

type RowTap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

type Methods = {
  onShow(): void;
  onHide(): void;
  onUnload(): void;
  onOffboard(event: RowTap): void;
  onChangeRole(event: RowTap): void;
  onRevoke(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { code: string }>): void;
  onSheetSelect(event: VantEvent<SheetAction>): void;
  onSheetClose(): void;
  onOpenAudit(event: RowTap): void;
  onCloseProgress(): void;
  _reload(): void;
  _startOffboard(staff: StaffMemberView, target: string): void;
  _showHandOver(view: HandOverView | null): void;
  _schedulePoll(): void;
  _poll(): void;
  _stopPolling(): void;
};

type Instance = {
  _staff: StaffMemberView[];
  _viewer: { staffId: string; admin: boolean };
  /** The row a sheet was opened for. */
  _sheetFor: string;
  /** The hand-over being watched (its staff id), kept so polling resumes when the screen shows again. */
  _watching: string;
  _timer: number | null;
  /** A handOver question is out: no second one is scheduled until it answers. */
  _inFlight: boolean;
  /** Polling runs only while the screen is shown. */
  _shown: boolean;
};

function toRow(staff: StaffMemberView, viewer: { staffId: string; admin: boolean }): StaffRow {
  const self = staff.staffId === viewer.staffId;
  const active = staff.status === 'active';
  return {
    staffId: staff.staffId,
    name: staff.name,
    role: staff.role,
    roleText: roleName(staff.role),
    active,
    self,
    figures: `服务顾客 ${staff.customers} 位 · 待办 ${staff.openTasks} 条`,
    // Managers hand over their store's clerks; admins anyone but themselves.
    canOffboard: active && !self && (viewer.admin || staff.role === 'clerk'),
    canChangeRole: viewer.admin && active && !self,
  };
}

function toInvite(invite: InviteView): InviteRow {
  return { code: invite.code, name: invite.name, roleText: roleName(invite.role), expiresText: `有效期至 ${formatShanghaiLastDay(invite.expiresAt)}` };
}

function toProgress(view: HandOverView, staff: StaffMemberView[]): Progress {
  const members = view.membersMoved + view.membersLeft;
  const tasks = view.tasksMoved + view.tasksLeft;
  const total = members + tasks;
  const names = view.toStaffIds.map((id) => staff.find((s) => s.staffId === id)?.name).filter((name): name is string => Boolean(name));
  return {
    staffName: view.staffName,
    running: view.status === 'running',
    targetText: view.spread ? `平均分配给${names.length ? ` ${names.join('、')}` : '本店其他店员'}` : `交给 ${names[0] ?? '指定店员'}`,
    membersText: `顾客：已交接 ${view.membersMoved} 位，剩余 ${view.membersLeft} 位`,
    tasksText: `待办：已交接 ${view.tasksMoved} 条，剩余 ${view.tasksLeft} 条`,
    percent: view.status === 'done' || total === 0 ? 100 : Math.floor(((view.membersMoved + view.tasksMoved) / total) * 100),
  };
}

Component<Data, {}, Methods, [typeof loadState], Instance, true>({
  behaviors: [loadState],
  data: {
    admin: false,
    rows: [],
    invites: [],
    loaded: false,
    sheet: '',
    sheetTitle: '',
    sheetDescription: '',
    sheetActions: [],
    progress: null,
    pollError: '',
    busy: false,
  },
  lifetimes: {
    created() {
      this._staff = [];
      this._viewer = { staffId: '', admin: false };
      this._sheetFor = '';
      this._watching = '';
      this._timer = null;
      this._inFlight = false;
      this._shown = false;
    },
    detached() {
      this._shown = false;
      this._stopPolling();
    },
  },
  methods: {
    onShow() {
      this._shown = true;
      this._reload();
      if (this._watching) this._schedulePoll();
    },

    onHide() {
      this._shown = false;
      this._stopPolling();
    },

    onUnload() {
      this._shown = false;
      this._stopPolling();
    },

    _reload() {
      const profile = getStaffProfile();
      const admin = profile?.role === 'admin';
      const viewer = { staffId: profile?.staffId ?? '', admin };
      this._viewer = viewer;
      this._load(
        () => callAdmin('staffList', {}),
        (view) => {
          this._staff = view.staff;
          return { loaded: true, admin, rows: view.staff.map((s) => toRow(s, viewer)), invites: view.invites.map(toInvite) };
        },
      );
    },

    onOffboard(event) {
      const staff = this._staff.find((s) => s.staffId === event.currentTarget.dataset.id);
      if (!staff || this.data.busy) return;
      // The screen follows one hand-over at a time.
      if (this._watching) {
        wx.showToast({ title: '请等当前交接完成后再操作', icon: 'none' });
        return;
      }
      // The server spreads over the store's other active clerks (its managers when it has none).
      const active = this._staff.filter((s) => s.staffId !== staff.staffId && s.status === 'active' && s.storeId === staff.storeId);
      const clerks = active.filter((s) => s.role === 'clerk');
      const others = [...clerks, ...active.filter((s) => s.role !== 'clerk')];
      if (others.length === 0) {
        wx.showModal({ title: '没有可接手的员工', content: '本店没有其他在职员工，请先邀请新店员再交接。', showCancel: false });
        return;
      }
      this._sheetFor = staff.staffId;
      this.setData({
        sheet: 'offboard',
        sheetTitle: `停用 ${staff.name} 并交接`,
        sheetDescription: `${staff.name}的 ${staff.customers} 位顾客和 ${staff.openTasks} 条待办交给谁？`,
        sheetActions: [
          { name: '平均分配给本店其他店员', subname: `${(clerks.length || others.length)} 人平分`, value: SPREAD },
          ...others.map((s) => ({ name: `交给 ${s.name}`, subname: `${roleName(s.role)} · 现服务 ${s.customers} 位顾客`, value: s.staffId })),
        ],
      });
    },

    onChangeRole(event) {
      const staff = this._staff.find((s) => s.staffId === event.currentTarget.dataset.id);
      if (!staff || this.data.busy) return;
      this._sheetFor = staff.staffId;
      this.setData({
        sheet: 'role',
        sheetTitle: `修改 ${staff.name} 的角色`,
        sheetDescription: `现为${roleName(staff.role)}`,
        sheetActions: ROLES.filter((role) => role !== staff.role).map((role) => ({ name: `改为${roleName(role)}`, value: role })),
      });
    },

    onSheetClose() {
      this.setData({ sheet: '' });
    },

    onSheetSelect(event) {
      const { sheet } = this.data;
      const staff = this._staff.find((s) => s.staffId === this._sheetFor);
      const choice = event.detail.value;
      this.setData({ sheet: '' });
      if (!staff) return;
      if (sheet === 'offboard') {
        const target = choice === SPREAD ? '平均分配给本店其他店员' : `交给 ${this._staff.find((s) => s.staffId === choice)?.name ?? ''}`;
        wx.showModal({
          title: `停用 ${staff.name}？`,
          content: `停用后${staff.name}将无法再使用店员工作台；其 ${staff.customers} 位顾客和 ${staff.openTasks} 条待办${target}。已有的邀请和销售业绩仍记在${staff.name}名下。`,
          confirmText: '停用并交接',
          confirmColor: '#ee0a24',
          success: (result) => {
            if (result.confirm) this._startOffboard(staff, choice);
          },
        });
        return;
      }
      const role = choice as Role;
      wx.showModal({
        title: '修改角色',
        content: `将${staff.name}的角色改为${roleName(role)}？`,
        success: (result) => {
          if (!result.confirm) return;
          this.setData({ busy: true });
          callAdmin('updateStaff', { staffId: staff.staffId, role }).then(
            (updated) => {
              this._staff = this._staff.map((s) => (s.staffId === updated.staffId ? updated : s));
              this.setData({ busy: false, rows: this._staff.map((s) => toRow(s, this._viewer)) });
              wx.showToast({ title: '已修改', icon: 'none' });
            },
            (error: unknown) => {
              this.setData({ busy: false });
              wx.showModal({ title: '修改未成功', content: toActionFailure(error).message, showCancel: false });
            },
          );
        },
      });
    },

    _startOffboard(staff, target) {
      this.setData({ busy: true });
      const payload = target === SPREAD ? { staffId: staff.staffId, spread: true } : { staffId: staff.staffId, toStaffId: target };
      callAdmin('offboard', payload).then(
        (view) => {
          // Disabled at once, whatever is still moving: the row says so without another list call.
          const rows = this.data.rows.map((row) => (row.staffId === staff.staffId ? { ...row, active: false, canOffboard: false, canChangeRole: false } : row));
          this.setData({ busy: false, rows });
          this._watching = staff.staffId;
          this._showHandOver(view);
        },
        (error: unknown) => {
          this.setData({ busy: false });
          wx.showModal({ title: '停用未成功', content: toActionFailure(error).message, showCancel: false });
        },
      );
    },

    _showHandOver(view) {
      if (!view || view.status === 'done') {
        this._stopPolling();
        this._watching = '';
        this.setData({ progress: view ? toProgress(view, this._staff) : null, pollError: '' });
        if (view) wx.showToast({ title: '交接完成', icon: 'success' });
        this._reload();
        return;
      }
      this.setData({ progress: toProgress(view, this._staff), pollError: '' });
      this._schedulePoll();
    },

    _schedulePoll() {
      this._stopPolling();
      if (!this._shown || !this._watching || this._inFlight) return;
      this._timer = setTimeout(() => this._poll(), POLL_MS) as unknown as number;
    },

    _poll() {
      this._timer = null;
      const staffId = this._watching;
      if (!staffId) return;
      this._inFlight = true;
      callAdmin('handOver', { staffId }).then(
        (view) => {
          this._inFlight = false;
          // Hidden meanwhile: onShow asks again. A newer hand-over: this answer is about another.
          if (this._watching !== staffId || !this._shown) return;
          this._showHandOver(view);
        },
        () => {
          this._inFlight = false;
          if (this._watching !== staffId) return;
          // The hand-over carries on on the server (the care jobs finish it); only the view is stale.
          this.setData({ pollError: '进度暂未刷新，稍后自动重试' });
          this._schedulePoll();
        },
      );
    },

    _stopPolling() {
      if (this._timer !== null) clearTimeout(this._timer);
      this._timer = null;
    },

    onCloseProgress() {
      if (this.data.progress?.running) return;
      this.setData({ progress: null });
    },

    onOpenAudit(event) {
      const staff = this._staff.find((s) => s.staffId === event.currentTarget.dataset.id);
      if (!staff) return;
      wx.navigateTo({ url: `/pages/audit-log/audit-log?staffId=${encodeURIComponent(staff.staffId)}&name=${encodeURIComponent(staff.name)}` });
    },

    onRevoke(event) {
      const { code } = event.currentTarget.dataset;
      const invite = this.data.invites.find((i) => i.code === code);
      if (!invite || this.data.busy) return;
      wx.showModal({
        title: '撤销邀请码？',
        content: `撤销后${invite.name}将无法再用邀请码 ${invite.code} 绑定。`,
        confirmText: '撤销',
        confirmColor: '#ee0a24',
        success: (result) => {
          if (!result.confirm) return;
          this.setData({ busy: true });
          callAdmin('revokeInvite', { code }).then(
            () => {
              this.setData({ busy: false, invites: this.data.invites.filter((i) => i.code !== code) });
              wx.showToast({ title: '已撤销', icon: 'none' });
            },
            (error: unknown) => {
              this.setData({ busy: false });
              wx.showModal({ title: '撤销未成功', content: toActionFailure(error).message, showCancel: false });
            },
          );
        },
      });
    },
  },
});
