import { callCare, isLostAnswer, toActionFailure } from '../../services/cloud';
import type { VantEvent } from '../../types/vant-event';
import { formatCount } from '../../utils/member-text';
import { decodeQueryValue } from '../../utils/query';
import { PendingRequests } from '../../utils/request-id';

/**
 * A manager's manual point change from the customer profile: add or deduct, how many, and why (the
 * reason goes on the ledger entry and the audit log). Confirmed, then one care.adjustPoints call whose
 * request id survives a retry after a lost answer, so the change is never made twice.
 */

type Direction = 'add' | 'deduct';

/** The server's own bound (careContract.adjustPoints). */
const MAX_POINTS = 1_000_000;
const MAX_REASON = 50;

type Errors = { points?: string; reason?: string };

function formProblems(points: string, reason: string): Errors {
  const errors: Errors = {};
  if (!points) errors.points = '请输入积分';
  else if (!/^\d+$/.test(points)) errors.points = '积分须为正整数';
  else if (Number(points) === 0) errors.points = '调整积分不能为0';
  else if (Number(points) > MAX_POINTS) errors.points = '积分调整过大';
  if (!reason) errors.reason = '请填写调整原因';
  else if (reason.length > MAX_REASON) errors.reason = `原因最多${MAX_REASON}个字`;
  return errors;
}

type Data = {
  customerName: string;
  balanceText: string;
  direction: Direction;
  points: string;
  reason: string;
  errors: Errors;
  formError: string;
  saving: boolean;
};

type Props = {
  memberId: { type: StringConstructor; value: string };
  name: { type: StringConstructor; value: string };
  /** The balance the profile showed, if it came along: context for a deduction. */
  balance: { type: StringConstructor; value: string };
};

type Methods = {
  onLoad(): void;
  onDirection(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { direction: Direction }>): void;
  onPoints(event: VantEvent<string>): void;
  onReason(event: VantEvent<string>): void;
  onSubmit(): void;
  _adjust(points: number, reason: string): void;
};

type Instance = { _requests: PendingRequests };

Component<Data, Props, Methods, [], Instance, true>({
  properties: {
    memberId: { type: String, value: '' },
    name: { type: String, value: '' },
    balance: { type: String, value: '' },
  },
  data: { customerName: '', balanceText: '', direction: 'add', points: '', reason: '', errors: {}, formError: '', saving: false },
  lifetimes: {
    created() {
      this._requests = new PendingRequests();
    },
  },
  methods: {
    onLoad() {
      const balance = this.data.balance;
      this.setData({
        customerName: decodeQueryValue(this.data.name) || '顾客',
        balanceText: /^\d+$/.test(balance) ? formatCount(Number(balance)) : '',
      });
    },

    onDirection(event) {
      this.setData({ direction: event.currentTarget.dataset.direction, formError: '' });
    },

    onPoints(event) {
      this.setData({ points: event.detail.trim(), 'errors.points': '', formError: '' });
    },

    onReason(event) {
      this.setData({ reason: event.detail, 'errors.reason': '', formError: '' });
    },

    onSubmit() {
      if (this.data.saving) return;
      const { direction, customerName } = this.data;
      const points = this.data.points;
      const reason = this.data.reason.trim();
      const errors = formProblems(points, reason);
      if (errors.points || errors.reason) {
        this.setData({ errors, formError: '' });
        return;
      }
      const amount = Number(points);
      wx.showModal({
        title: direction === 'add' ? '确认增加积分？' : '确认扣减积分？',
        content: `为 ${customerName} ${direction === 'add' ? '增加' : '扣减'} ${formatCount(amount)} 积分\n原因：${reason}\n调整将记入积分明细和操作日志。`,
        confirmText: '确认',
        confirmColor: direction === 'add' ? '#1989fa' : '#ee0a24',
        success: (result) => {
          if (result.confirm) this._adjust(direction === 'add' ? amount : -amount, reason);
        },
      });
    },

    _adjust(points, reason) {
      const memberId = this.data.memberId;
      this.setData({ saving: true, formError: '' });
      // One intent per member, amount and reason: a retry of it after a lost answer is the same request.
      this._requests.run(`${memberId}|${points}|${reason}`, (requestId) => callCare('adjustPoints', { memberId, points, reason, requestId }), isLostAnswer).then(
        (result) => {
          this.setData({ saving: false });
          wx.showToast({ title: `已调整，当前积分 ${formatCount(result.pointsBalance)}`, icon: 'none' });
          wx.navigateBack();
        },
        (error: unknown) => {
          const failure = toActionFailure(error);
          const fields = failure.fields ?? {};
          const errors: Errors = {};
          if (fields.points) errors.points = fields.points;
          if (fields.reason) errors.reason = fields.reason;
          // A refusal about a field shows at that field; anything else (the balance, the role, the network) above the button.
          const placed = Boolean(errors.points || errors.reason);
          this.setData({ saving: false, errors, formError: placed ? '' : failure.message });
        },
      );
    },
  },
});
