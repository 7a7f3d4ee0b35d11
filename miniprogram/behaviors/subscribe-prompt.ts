import { callMember, isLostAnswer } from '../services/cloud';
import type { SubscriptionView } from '../shared/contracts/automation-views';
import { MAX_TEMPLATES_PER_REQUEST, type MessageTemplateKey } from '../shared/rules/message-templates';
import { PendingRequests } from '../utils/request-id';

/**
 * Asking a shopper for one-time subscription messages (一次性订阅) and telling the server what she
 * accepted. WeChat shows the prompt only from a tap, so `_askSubscribe` must be called synchronously
 * inside a tap handler, before any await. It asks for at most three templates (WeChat's limit) among
 * those the server offers, and reports each 'accept' (one send each) with a request id kept across a
 * lost answer, so a retried report counts once. A prompt the shopper cannot see (the main switch in
 * settings is off, an old WeChat) is passed over with a short note: nothing here blocks the page.
 * What the server offers lives on the page as `_subscriptions` (set from the card or list it loads;
 * empty until then), and is replaced by the server's answer after an accepted prompt.
 */
const pending = new PendingRequests();

export type SubscribeOutcome = { subscriptions: SubscriptionView[]; accepted: MessageTemplateKey[] } | null;

/** What a page using the behavior holds: the templates the server offers it. */
export type SubscribeState = { _subscriptions: SubscriptionView[] };

/** The shopper's answer per template id; null when no prompt could be shown. */
function requestSubscribe(tmplIds: string[]): Promise<Record<string, string> | null> {
  return new Promise((resolve) => {
    // Base libraries before 2.4.4 have no subscription messages at all.
    if (typeof wx.requestSubscribeMessage !== 'function') {
      resolve(null);
      return;
    }
    wx.requestSubscribeMessage({
      tmplIds,
      success: (result) => resolve(result as unknown as Record<string, string>),
      fail: () => resolve(null),
    });
  });
}

export const subscribePrompt = Behavior({
  lifetimes: {
    created() {
      (this as unknown as SubscribeState)._subscriptions = [];
    },
  },
  methods: {
    async _askSubscribe(wanted: MessageTemplateKey[]): Promise<SubscribeOutcome> {
      const host = this as unknown as SubscribeState;
      // In the order wanted: the first three are asked.
      const asked = wanted
        .map((key) => host._subscriptions.find((s) => s.key === key && s.templateId !== ''))
        .filter((s): s is SubscriptionView => s !== undefined)
        .slice(0, MAX_TEMPLATES_PER_REQUEST);
      if (!asked.length) return null;
      const answer = await requestSubscribe(asked.map((s) => s.templateId));
      if (!answer) {
        wx.showToast({ title: '请在设置中开启消息通知', icon: 'none' });
        return null;
      }
      const accepted = asked.filter((s) => answer[s.templateId] === 'accept').map((s) => s.key);
      const rejected = asked.filter((s) => answer[s.templateId] === 'reject' || answer[s.templateId] === 'ban').map((s) => s.key);
      if (!accepted.length && !rejected.length) return null;
      try {
        const { subscriptions } = await pending.run('subscribe', (requestId) => callMember('subscribe', { requestId, accepted, rejected }), isLostAnswer);
        if (accepted.length) wx.showToast({ title: '订阅成功', icon: 'success' });
        host._subscriptions = subscriptions;
        return { subscriptions, accepted };
      } catch {
        wx.showToast({ title: '订阅未保存，请稍后重试', icon: 'none' });
        return null;
      }
    },
  },
});
