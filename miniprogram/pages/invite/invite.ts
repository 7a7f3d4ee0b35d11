import { loadState } from '../../behaviors/load-state';
import { callMember } from '../../services/cloud';
import type { ReferralView } from '../../shared/contracts/views';
import { formatShanghaiDate } from '../../shared/format/datetime';

/**
 * 邀请好友 (老带新): the shopper's share code and what a friend's first purchase brings both of them,
 * her invitations and their state; 分享给好友 shares the join page with her code (onShareAppMessage).
 * One member.referral call (it makes the code the first time).
 */
type Data = {
  code: string;
  rewardText: string;
  invitations: Array<{ name: string; date: string; statusText: string; rewarded: boolean }>;
  summary: string;
};

type Methods = {
  onLoad(): void;
  onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent;
  _reload(): void;
};

Component<Data, {}, Methods, [typeof loadState], {}, true>({
  behaviors: [loadState],
  data: { code: '', rewardText: '', invitations: [], summary: '' },
  methods: {
    onLoad() {
      this._reload();
    },

    _reload() {
      void this._load(
        () => callMember('referral', {}),
        (view: ReferralView) => ({
          code: view.code,
          rewardText: `好友首次消费后，你们各得 ${view.rewardPoints} 积分`,
          summary: `已邀请 ${view.invitations.length} 位，已获奖励 ${view.rewardedCount} 次`,
          invitations: view.invitations.map((i) => ({ name: i.name, date: formatShanghaiDate(i.joinedAt), statusText: i.statusText, rewarded: i.status === 'rewarded' })),
        }),
      );
    },

    onShareAppMessage() {
      return { title: '我在这家店做会员，邀请你一起加入', path: `/pages/join/join?ref=${encodeURIComponent(this.data.code)}` };
    },
  },
});
