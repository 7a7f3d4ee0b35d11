import { loadState } from '../../behaviors/load-state';
import { MEMBER_HOME_PATH } from '../../config/tabs';
import { callMember } from '../../services/cloud';
import { formatShanghaiLastDay } from '../../shared/format/datetime';
import type { CardView } from '../../shared/contracts/views';
import { formatCount, textColorOn, upgradeHint } from '../../utils/member-text';
import { selectTab } from '../../utils/select-tab';

/** The member card as rendered: only the fields the template shows, already worded. */
interface CardDisplay {
  name: string;
  phoneMasked: string;
  /** A typed-in phone stays unverified until a clerk checks it at the till. */
  phoneVerified: boolean;
  tierName: string;
  tierColor: string;
  tierTextColor: string;
  homeStoreName: string;
  pointsText: string;
  /** '' when nothing expires this year. */
  expiringText: string;
  growthText: string;
  progressPercent: number;
  upgradeText: string;
  benefits: string[];
  /** 消息订阅's line: how many sends the acceptances still allow. */
  subscriptionText: string;
}

function toCardDisplay(card: CardView): CardDisplay {
  const { points } = card;
  return {
    name: card.name || '会员',
    phoneMasked: card.phoneMasked,
    phoneVerified: card.phoneVerified,
    tierName: card.tier.name,
    tierColor: card.tier.color,
    tierTextColor: textColorOn(card.tier.color),
    homeStoreName: card.homeStoreName,
    pointsText: formatCount(points.balance),
    expiringText:
      points.expiringThisYear > 0
        ? `${formatCount(points.expiringThisYear)} 积分将于 ${formatShanghaiLastDay(points.expiringAt)} 到期`
        : '',
    growthText: formatCount(card.growth),
    progressPercent: Math.max(0, Math.min(100, Math.round(card.progressPercent))),
    upgradeText: upgradeHint(card.nextTier),
    benefits: card.tier.benefits,
    subscriptionText: subscriptionText(card),
  };
}

function subscriptionText(card: CardView): string {
  const left = card.subscriptions.reduce((sum, s) => sum + s.remaining, 0);
  return left > 0 ? `还可接收 ${left} 条提醒` : '未开启提醒';
}

type Data = {
  card: CardDisplay | null;
};

type Methods = {
  onShow(): void;
  onShowCode(): void;
  onOpenHistory(): void;
  onOpenCoupons(): void;
  onOpenSubscriptions(): void;
  onOpenInvite(): void;
  onOpenMyData(): void;
  onJoin(): void;
  onBindStaff(): void;
  _reload(): void;
};

Component<Data, {}, Methods, [typeof loadState], {}, true>({
  behaviors: [loadState],
  data: {
    card: null,
  },
  methods: {
    onShow() {
      selectTab(this, MEMBER_HOME_PATH);
      // Every show reloads: points change at the till while the member waits on another screen.
      this._reload();
    },

    onShowCode() {
      wx.navigateTo({ url: '/pages/member-code/member-code' });
    },

    onOpenHistory() {
      wx.navigateTo({ url: '/pages/points-history/points-history' });
    },

    onOpenCoupons() {
      wx.navigateTo({ url: '/pages/coupons/coupons' });
    },

    onOpenInvite() {
      wx.navigateTo({ url: '/pages/invite/invite' });
    },

    onOpenMyData() {
      wx.navigateTo({ url: '/pages/my-data/my-data' });
    },

    onOpenSubscriptions() {
      wx.navigateTo({ url: '/pages/message-subscriptions/message-subscriptions' });
    },

    onJoin() {
      wx.navigateTo({ url: '/pages/join/join' });
    },

    /** Staff who are not (yet) shown the staff tab reach the bind page from here. */
    onBindStaff() {
      wx.navigateTo({ url: '/pages/staff-bind/staff-bind' });
    },

    _reload() {
      this._load(
        () => callMember('card', {}),
        (card) => ({ card: toCardDisplay(card) }),
      ).then((card) => {
        // A failed reload keeps nothing stale on screen for NOT_MEMBER (the member may have been removed).
        if (!card && this.data.errorCode === 'NOT_MEMBER') this.setData({ card: null });
      });
    },
  },
});
