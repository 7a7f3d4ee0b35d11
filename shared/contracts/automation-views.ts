import type { Audience } from '../rules/audience';
import type { BuiltInJourney, JourneyDefinition, JourneyProblem } from '../rules/journeys';
import type { MessageSettings } from '../rules/message-settings';
import type { MessageTemplateKey } from '../rules/message-templates';

/** One subscription template as the shopper's 消息订阅 setting shows it. */
export interface SubscriptionView {
  key: MessageTemplateKey;
  title: string;
  description: string;
  /** The WeChat template id to pass to wx.requestSubscribeMessage. */
  templateId: string;
  /** Acceptances not used yet: each allows one message. */
  remaining: number;
}

export type JourneyStatus = 'active' | 'paused';

export interface JourneySummaryView {
  id: string;
  name: string;
  builtIn: BuiltInJourney | null;
  status: JourneyStatus;
  /** e.g. 入会后 / 消费后 / 生日当天 */
  entryText: string;
  stepCount: number;
  /** Members in it now (waiting on a step). */
  active: number;
  entered: number;
  converted: number;
  /** Why it cannot be switched on, if anything. */
  problems: JourneyProblem[];
}

export interface JourneyStepFigure {
  stepId: string;
  /** 等待3天 / 发送消息：门店服务通知 … */
  summary: string;
  /** Members who reached this step (across runs). */
  reached: number;
}

export interface JourneyView extends JourneySummaryView {
  definition: JourneyDefinition;
  figures: {
    entered: number;
    active: number;
    finished: number;
    exited: number;
    converted: number;
    /** converted / entered, in whole percent. */
    conversionPercent: number;
    steps: JourneyStepFigure[];
  };
  updatedAt: string;
}

export type CampaignStatus = 'scheduled' | 'running' | 'done' | 'cancelled';

export interface CampaignFigures {
  /** Members the run went through so far. */
  reached: number;
  granted: number;
  notified: number;
  tasks: number;
  redeemed: number;
  /** redeemed / granted, whole percent. */
  redemptionPercent: number;
  /** What the purchases that used the campaign's coupons paid, in fen. */
  salesFen: number;
  /** Where the coupons were used. */
  byStore: Array<{ storeId: string; storeName: string; redeemed: number; salesFen: number }>;
  byClerk: Array<{ staffId: string; name: string; redeemed: number; salesFen: number }>;
}

export interface CampaignView {
  id: string;
  name: string;
  status: CampaignStatus;
  audience: Audience;
  /** 沉睡客户 · 银卡 · 门店：旗舰店 */
  audienceText: string;
  couponTemplateId: string;
  couponName: string;
  notify: boolean;
  fallbackTasks: boolean;
  sendAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdByName: string;
  figures: CampaignFigures;
}

export interface MessageTemplateView {
  key: MessageTemplateKey;
  title: string;
  description: string;
  keywords: Array<{ key: string; label: string }>;
  templateId: string;
  /** The last 7 days: sent, refused (43101), failed. */
  sent: number;
  refused: number;
  failed: number;
  /** Held for quiet hours or the cap, or waiting to be sent. */
  waiting: number;
}

export interface MessageSettingsView {
  settings: MessageSettings;
  templates: MessageTemplateView[];
}

export interface OptionView {
  id: string;
  name: string;
}

/** What the journey and campaign editors pick from, in one call. */
export interface AutomationOptionsView {
  /** Coupon templates the caller may grant (active; a manager's: the brand's and their store's). */
  coupons: OptionView[];
  tiers: OptionView[];
  /** Manual tags (the brand's and the store's) and the automatic ones (auto:…). */
  tags: OptionView[];
  /** Stores the caller may address: every active store for an admin, their own for a manager. */
  stores: OptionView[];
}

export interface JourneyEditorView {
  journey: JourneyView | null;
  options: AutomationOptionsView;
}
