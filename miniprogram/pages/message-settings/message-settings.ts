import { loadState } from '../../behaviors/load-state';
import { callAutomation, toActionFailure } from '../../services/cloud';
import type { MessageSettingsView } from '../../shared/contracts/automation-views';
import type { MessageTemplateKey } from '../../shared/rules/message-templates';
import type { VantEvent } from '../../types/vant-event';

/**
 * 消息设置 (admins): the WeChat template id of each message the product sends (from the MP console's
 * 订阅消息, with the keywords it must have), how each did over the last 7 days, the quiet hours, the
 * marketing cap per member, retries and how long a held message may wait. One messageSettings call;
 * 保存 sends it all back, and the server's field problems show at their fields.
 */
interface TemplateRow {
  key: MessageTemplateKey;
  title: string;
  description: string;
  keywordsText: string;
  templateId: string;
  statsText: string;
}

type Data = {
  templates: TemplateRow[];
  quietOn: boolean;
  quietStart: string;
  quietEnd: string;
  perDay: number;
  perWeek: number;
  maxAttempts: number;
  staleAfterHours: number;
  fieldErrors: Record<string, string>;
  saving: boolean;
  loaded: boolean;
};

type FieldEvent<T> = Omit<VantEvent<T>, 'currentTarget'> & { currentTarget: { dataset: { index: number } } };

type Methods = {
  onLoad(): void;
  onTemplateId(event: FieldEvent<string>): void;
  onQuiet(event: VantEvent<boolean>): void;
  onQuietStart(event: WechatMiniprogram.PickerChange): void;
  onQuietEnd(event: WechatMiniprogram.PickerChange): void;
  onPerDay(event: VantEvent<number>): void;
  onPerWeek(event: VantEvent<number>): void;
  onMaxAttempts(event: VantEvent<number>): void;
  onStale(event: VantEvent<number>): void;
  onSave(): void;
  _reload(): void;
  _show(view: MessageSettingsView): Partial<Data>;
};

Component<Data, {}, Methods, [typeof loadState], {}, true>({
  behaviors: [loadState],
  data: {
    templates: [],
    quietOn: true,
    quietStart: '21:00',
    quietEnd: '09:00',
    perDay: 1,
    perWeek: 4,
    maxAttempts: 4,
    staleAfterHours: 72,
    fieldErrors: {},
    saving: false,
    loaded: false,
  },
  methods: {
    onLoad() {
      this._reload();
    },

    _reload() {
      void this._load(() => callAutomation('messageSettings', {}), (view) => this._show(view));
    },

    _show(view) {
      const { settings } = view;
      return {
        loaded: true,
        templates: view.templates.map((t) => ({
          key: t.key,
          title: t.title,
          description: t.description,
          keywordsText: t.keywords.map((k) => `${k.label}（${k.key}）`).join('、'),
          templateId: t.templateId,
          statsText: `近7天 发送 ${t.sent} · 拒收 ${t.refused} · 失败 ${t.failed} · 待发 ${t.waiting}`,
        })),
        quietOn: settings.quietHours !== null,
        quietStart: settings.quietHours?.start ?? '21:00',
        quietEnd: settings.quietHours?.end ?? '09:00',
        perDay: settings.cap.perDay,
        perWeek: settings.cap.perWeek,
        maxAttempts: settings.maxAttempts,
        staleAfterHours: settings.staleAfterHours,
      };
    },

    onTemplateId(event) {
      this.setData({ [`templates[${event.currentTarget.dataset.index}].templateId`]: event.detail.trim() });
    },

    onQuiet(event) {
      this.setData({ quietOn: event.detail === true });
    },

    onQuietStart(event) {
      this.setData({ quietStart: String(event.detail.value) });
    },

    onQuietEnd(event) {
      this.setData({ quietEnd: String(event.detail.value) });
    },

    onPerDay(event) {
      this.setData({ perDay: Number(event.detail) });
    },

    onPerWeek(event) {
      this.setData({ perWeek: Number(event.detail) });
    },

    onMaxAttempts(event) {
      this.setData({ maxAttempts: Number(event.detail) });
    },

    onStale(event) {
      this.setData({ staleAfterHours: Number(event.detail) });
    },

    onSave() {
      if (this.data.saving) return;
      const d = this.data;
      this.setData({ saving: true, fieldErrors: {} });
      callAutomation('updateMessageSettings', {
        templateIds: Object.fromEntries(d.templates.map((t) => [t.key, t.templateId])),
        quietHours: d.quietOn ? { start: d.quietStart, end: d.quietEnd } : null,
        cap: { perDay: d.perDay, perWeek: d.perWeek },
        maxAttempts: d.maxAttempts,
        staleAfterHours: d.staleAfterHours,
      }).then(
        (view) => {
          this.setData({ saving: false, ...this._show(view) });
          wx.showToast({ title: '已保存', icon: 'success' });
        },
        (error: unknown) => {
          const failure = toActionFailure(error);
          this.setData({ saving: false, fieldErrors: failure.fields ?? {} });
          wx.showToast({ title: failure.headline, icon: 'none' });
        },
      );
    },
  },
});
