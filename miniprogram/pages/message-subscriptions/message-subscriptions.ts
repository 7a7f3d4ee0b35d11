import { loadState } from '../../behaviors/load-state';
import { subscribePrompt, type SubscribeState } from '../../behaviors/subscribe-prompt';
import { callMember } from '../../services/cloud';
import type { SubscriptionView } from '../../shared/contracts/automation-views';
import type { MessageTemplateKey } from '../../shared/rules/message-templates';

/**
 * 消息订阅: each message the shop can send her, what it is for, and how many sends her acceptances
 * still allow (WeChat's one-time subscriptions: one acceptance, one message). 订阅 asks WeChat's prompt
 * for that template from the tap; 全部订阅 for up to three at once. One member.card call loads it.
 */
interface Row {
  key: MessageTemplateKey;
  title: string;
  description: string;
  remainingText: string;
  on: boolean;
}

type Data = { rows: Row[] };

type Methods = {
  onLoad(): void;
  onSubscribe(event: WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { key: MessageTemplateKey }>): void;
  onSubscribeAll(): void;
  _reload(): void;
  _show(subscriptions: SubscriptionView[]): void;
  _ask(keys: MessageTemplateKey[]): void;
};

type Instance = SubscribeState;

function toRow(s: SubscriptionView): Row {
  return { key: s.key, title: s.title, description: s.description, remainingText: s.remaining > 0 ? `可接收 ${s.remaining} 次` : '未订阅', on: s.remaining > 0 };
}

/** A template without a WeChat id cannot be asked for: not shown. */
const offeredRows = (subscriptions: SubscriptionView[]) => subscriptions.filter((s) => s.templateId !== '').map(toRow);

Component<Data, {}, Methods, [typeof loadState, typeof subscribePrompt], Instance, true>({
  behaviors: [loadState, subscribePrompt],
  data: { rows: [] },
  methods: {
    onLoad() {
      this._reload();
    },

    _reload() {
      void this._load(
        () => callMember('card', {}),
        (card) => {
          this._subscriptions = card.subscriptions;
          return { rows: offeredRows(card.subscriptions) };
        },
      );
    },

    _show(subscriptions) {
      this._subscriptions = subscriptions;
      this.setData({ rows: offeredRows(subscriptions) });
    },

    _ask(keys) {
      void this._askSubscribe(keys).then((outcome) => {
        if (outcome) this._show(outcome.subscriptions);
      });
    },

    onSubscribe(event) {
      this._ask([event.currentTarget.dataset.key]);
    },

    onSubscribeAll() {
      // Those she has fewest sends left for first: WeChat asks at most three at a time.
      const keys = [...this._subscriptions].sort((a, b) => a.remaining - b.remaining).map((s) => s.key);
      this._ask(keys);
    },
  },
});
