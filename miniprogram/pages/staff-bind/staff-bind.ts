import { loadState } from '../../behaviors/load-state';
import { STAFF_HOME_PATH } from '../../config/tabs';
import { callStaff } from '../../services/cloud';
import { setIsStaff } from '../../stores/staff-role';
import type { VantEvent } from '../../types/vant-event';
import { INVITE_CODE_LENGTH, normaliseInviteCode } from '../../utils/invite-code';

/** A new clerk binds this WeChat account to the store with the 8-character invite a manager made. */

type Data = {
  inviteCode: string;
  canSubmit: boolean;
};

type Methods = {
  onCodeInput(event: VantEvent<string>): void;
  onSubmit(): void;
};

Component<Data, {}, Methods, [typeof loadState], {}, true>({
  behaviors: [loadState],
  data: {
    inviteCode: '',
    canSubmit: false,
  },
  methods: {
    onCodeInput(event) {
      const inviteCode = normaliseInviteCode(event.detail);
      this.setData({ inviteCode, canSubmit: inviteCode.length === INVITE_CODE_LENGTH, errorMessage: '' });
    },

    onSubmit() {
      const { inviteCode, canSubmit, loading } = this.data;
      if (!canSubmit || loading) return;
      this._load(
        () => callStaff('bind', { inviteCode }),
        () => ({}),
      ).then((staff) => {
        if (!staff) return;
        setIsStaff(true);
        wx.showToast({ title: '绑定成功', icon: 'success' });
        wx.switchTab({ url: STAFF_HOME_PATH });
      });
    },
  },
});
