import { loadState } from '../../behaviors/load-state';
import { callMember, isLostAnswer, toActionFailure } from '../../services/cloud';
import type { DataExportView, MyDataView } from '../../shared/contracts/views';
import { formatShanghaiDate, formatShanghaiDateTime } from '../../shared/format/datetime';
import { CLOSE_CONFIRMATION } from '../../shared/rules/my-data';
import type { VantEvent } from '../../types/vant-event';
import { PendingRequests } from '../../utils/request-id';

/**
 * 我的数据 (PIPL): the member's profile (name and gender editable, the birthday once), what the brand
 * keeps on them in plain sentences, an export to a JSON file in cloud storage (link to copy, or the file
 * sent to a chat), and closing the membership after typing the confirmation word. One myData call to
 * show; each act is its own call, idempotent by request id.
 */
type Gender = MyDataView['profile']['gender'];

type Data = {
  loaded: boolean;
  view: MyDataView | null;
  joinedText: string;
  consentText: string;
  name: string;
  gender: Gender;
  birthday: string;
  birthdayLocked: boolean;
  today: string;
  savingProfile: boolean;
  profileError: string;
  exporting: boolean;
  exported: { fileName: string; sizeText: string; untilText: string; url: string } | null;
  closingOpen: boolean;
  confirmation: string;
  closing: boolean;
  closeError: string;
  closed: { pointsForfeited: number; couponsRevoked: number } | null;
};

type Methods = {
  onLoad(): void;
  onName(event: VantEvent<string>): void;
  onGender(event: VantEvent<Gender>): void;
  onBirthday(event: WechatMiniprogram.PickerChange): void;
  onSaveProfile(): void;
  onExport(): void;
  onCopyLink(): void;
  onSendFile(): void;
  onOpenClosing(): void;
  onCancelClosing(): void;
  onConfirmation(event: VantEvent<string>): void;
  onClose(): void;
  onRejoin(): void;
  _reload(): void;
  _show(view: MyDataView): Partial<Data>;
};

const requests = new PendingRequests();

Component<Data, {}, Methods, [typeof loadState], {}, true>({
  behaviors: [loadState],
  data: {
    loaded: false,
    view: null,
    joinedText: '',
    consentText: '',
    name: '',
    gender: 'unknown',
    birthday: '',
    birthdayLocked: false,
    today: formatShanghaiDate(new Date()),
    savingProfile: false,
    profileError: '',
    exporting: false,
    exported: null,
    closingOpen: false,
    confirmation: '',
    closing: false,
    closeError: '',
    closed: null,
  },
  methods: {
    onLoad() {
      this._reload();
    },

    _reload() {
      void this._load(() => callMember('myData', {}), (view) => this._show(view));
    },

    _show(view) {
      return {
        loaded: true,
        view,
        joinedText: `${formatShanghaiDate(view.joinedAt)} · ${view.homeStoreName}`,
        consentText: `版本 ${view.consent.version}，${formatShanghaiDate(view.consent.agreedAt)} 同意`,
        name: view.profile.name,
        gender: view.profile.gender,
        birthday: view.profile.birthday ?? '',
        birthdayLocked: view.profile.birthdayLocked,
      };
    },

    onName(event) {
      this.setData({ name: String(event.detail) });
    },

    onGender(event) {
      this.setData({ gender: event.detail });
    },

    onBirthday(event) {
      this.setData({ birthday: String(event.detail.value) });
    },

    onSaveProfile() {
      if (this.data.savingProfile) return;
      const { name, gender, birthday, birthdayLocked } = this.data;
      this.setData({ savingProfile: true, profileError: '' });
      callMember('updateProfile', { ...(name.trim() ? { name: name.trim() } : {}), gender, ...(birthday && !birthdayLocked ? { birthday } : {}) }).then(
        (card) => {
          this.setData({ savingProfile: false, birthdayLocked: card.profile.birthdayLocked, name: card.profile.name });
          wx.showToast({ title: '资料已保存', icon: 'success' });
        },
        (error: unknown) => {
          const failure = toActionFailure(error);
          this.setData({ savingProfile: false, profileError: failure.headline });
        },
      );
    },

    onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      requests.run('export', (requestId) => callMember('exportData', { requestId }), isLostAnswer).then(
        (file: DataExportView) => {
          this.setData({
            exporting: false,
            exported: { fileName: file.fileName, sizeText: `${Math.max(1, Math.round(file.bytes / 1024))} KB`, untilText: formatShanghaiDateTime(file.urlExpiresAt), url: file.url },
          });
        },
        (error: unknown) => {
          this.setData({ exporting: false });
          wx.showToast({ title: toActionFailure(error).message, icon: 'none' });
        },
      );
    },

    onCopyLink() {
      const file = this.data.exported;
      if (file) void wx.setClipboardData({ data: file.url });
    },

    /** The file itself into a chat (文件传输助手 to keep it): JSON opens nowhere else on a phone. */
    onSendFile() {
      const file = this.data.exported;
      if (!file) return;
      wx.downloadFile({
        url: file.url,
        success: (res) => {
          wx.shareFileMessage({ filePath: res.tempFilePath, fileName: file.fileName, fail: () => wx.showToast({ title: '未发送，可复制链接下载', icon: 'none' }) });
        },
        fail: () => wx.showToast({ title: '下载失败，请复制链接', icon: 'none' }),
      });
    },

    onOpenClosing() {
      this.setData({ closingOpen: true, confirmation: '', closeError: '' });
    },

    onCancelClosing() {
      if (!this.data.closing) this.setData({ closingOpen: false });
    },

    onConfirmation(event) {
      this.setData({ confirmation: String(event.detail).trim(), closeError: '' });
    },

    onClose() {
      const view = this.data.view;
      if (!view || this.data.closing) return;
      if (this.data.confirmation !== CLOSE_CONFIRMATION) {
        this.setData({ closeError: `请输入“${CLOSE_CONFIRMATION}”确认` });
        return;
      }
      this.setData({ closing: true });
      requests.run('close', (requestId) => callMember('closeMembership', { requestId, confirmation: CLOSE_CONFIRMATION }), isLostAnswer).then(
        (result) => this.setData({ closing: false, closingOpen: false, closed: { pointsForfeited: result.pointsForfeited, couponsRevoked: result.couponsRevoked } }),
        (error: unknown) => this.setData({ closing: false, closeError: toActionFailure(error).message }),
      );
    },

    onRejoin() {
      wx.reLaunch({ url: '/pages/member-home/member-home' });
    },
  },
});
