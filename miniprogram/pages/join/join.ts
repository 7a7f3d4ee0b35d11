import { loadState } from '../../behaviors/load-state';
import { subscribePrompt } from '../../behaviors/subscribe-prompt';
import { PRIVACY_SUMMARY, PRIVACY_VERSION } from '../../config/privacy';
import { MEMBER_HOME_PATH } from '../../config/tabs';
import { callMember } from '../../services/cloud';
import { formatShanghaiDate } from '../../shared/format/datetime';
import type { SubscriptionView } from '../../shared/contracts/automation-views';
import type { JoinView } from '../../shared/contracts/views';
import type { MessageTemplateKey } from '../../shared/rules/message-templates';
import type { VantEvent } from '../../types/vant-event';
import { isMainlandMobile } from '../../utils/phone';
import { decodeQueryValue } from '../../utils/query';

/**
 * Joining from a counter code: privacy → phone → optional profile → welcome. Nothing is sent until
 * the profile step is done or skipped; then one member.join call carries all of it.
 */

type Step = 'privacy' | 'phone' | 'profile' | 'welcome';
type PhoneInput = { code: string } | { number: string };
type Gender = '' | 'male' | 'female';

/** wx.onNeedPrivacyAuthorization hands its listener a resolve function (the typings say otherwise). */
type PrivacyResolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void;
type OnNeedPrivacyAuthorization = (listener: (resolve: PrivacyResolve) => void) => void;

const AGREE_BUTTON_ID = 'agree-privacy';
const STEP_INDEX: Record<Step, number> = { privacy: 0, phone: 1, profile: 2, welcome: 3 };

type Data = {
  step: Step;
  stepIndex: number;
  steps: { text: string }[];
  summary: readonly string[];
  manualPhone: boolean;
  phoneNumber: string;
  phoneError: string;
  /** Why the page fell back to manual entry. */
  phoneHint: string;
  name: string;
  gender: Gender;
  birthday: string;
  today: string;
  welcomeTitle: string;
  welcomePoints: number;
  tierName: string;
  /** The welcome step offers the subscription prompt until it has been shown once. */
  canSubscribe: boolean;
};

/** What a new member is offered: news of her points, coupons and tier. */
const JOIN_TEMPLATES: MessageTemplateKey[] = ['points_changed', 'coupon_arrived', 'tier_upgraded'];

type Props = {
  /** The counter code's scene, percent-encoded as WeChat passes it. */
  scene: { type: StringConstructor; value: string };
  /** A friend's share code, from the shared page's query. */
  ref: { type: StringConstructor; value: string };
};

type Methods = {
  onLoad(query?: Record<string, string | undefined>): void;
  onAgreePrivacy(event: WechatMiniprogram.CustomEvent): void;
  onDeclinePrivacy(): void;
  onOpenPrivacyContract(): void;
  onGetPhoneNumber(event: WechatMiniprogram.ButtonGetPhoneNumber): void;
  onUseManualPhone(): void;
  onUseQuickPhone(): void;
  onPhoneInput(event: VantEvent<string>): void;
  onSubmitPhone(): void;
  onNameInput(event: VantEvent<string>): void;
  onGenderChange(event: VantEvent<Gender>): void;
  onBirthdayChange(event: WechatMiniprogram.PickerChange): void;
  onSubmitProfile(): void;
  onSkipProfile(): void;
  onOpenCard(): void;
  onSubscribe(): void;
  _goTo(step: Step, extra?: Partial<Data> & { errorMessage?: string }): void;
  _join(profile: { name?: string; gender?: 'male' | 'female'; birthday?: string }): void;
  _joined(view: JoinView): void;
};

type Instance = {
  _scene: string;
  /** A friend's share code (老带新), when she came through a shared page. */
  _referral: string;
  _phone: PhoneInput | null;
  _resolvePrivacy: PrivacyResolve | null;
  _subscriptions: SubscriptionView[];
};

Component<Data, Props, Methods, [typeof loadState, typeof subscribePrompt], Instance, true>({
  behaviors: [loadState, subscribePrompt],
  properties: {
    scene: { type: String, value: '' },
    ref: { type: String, value: '' },
  },
  data: {
    step: 'privacy',
    stepIndex: 0,
    steps: [{ text: '隐私指引' }, { text: '手机号' }, { text: '个人资料' }, { text: '完成' }],
    summary: PRIVACY_SUMMARY,
    manualPhone: false,
    phoneNumber: '',
    phoneError: '',
    phoneHint: '',
    name: '',
    gender: '',
    birthday: '',
    today: formatShanghaiDate(new Date()),
    welcomeTitle: '',
    canSubscribe: false,
    welcomePoints: 0,
    tierName: '',
  },
  methods: {
    onLoad(query) {
      // WeChat hands the scene both as the query and as the property; either is still encoded.
      this._scene = decodeQueryValue(query?.scene ?? this.data.scene);
      this._referral = decodeQueryValue(query?.ref ?? this.data.ref);
      this._phone = null;
      this._resolvePrivacy = null;
      // Base libraries before 2.32.3 have no privacy API: they ask nothing, and the page's own
      // privacy step still records consent.
      const onNeed = wx.onNeedPrivacyAuthorization as unknown as OnNeedPrivacyAuthorization | undefined;
      if (typeof onNeed === 'function') {
        onNeed((resolve) => {
          // A privacy API (getPhoneNumber) was used before agreeing: bring the guide back first.
          this._resolvePrivacy = resolve;
          this._goTo('privacy');
        });
      }
    },

    onAgreePrivacy() {
      this._resolvePrivacy?.({ event: 'agree', buttonId: AGREE_BUTTON_ID });
      this._resolvePrivacy = null;
      this._goTo('phone');
    },

    onDeclinePrivacy() {
      this._resolvePrivacy?.({ event: 'disagree' });
      this._resolvePrivacy = null;
      wx.switchTab({ url: MEMBER_HOME_PATH });
    },

    onOpenPrivacyContract() {
      if (typeof wx.openPrivacyContract === 'function') wx.openPrivacyContract({});
    },

    onGetPhoneNumber(event) {
      const { code } = event.detail;
      if (code) {
        this._phone = { code };
        this._goTo('profile');
        return;
      }
      // Refused, or the shop has no quick-verification quota: typing the number still works.
      const refused = /deny|cancel/i.test(event.detail.errMsg ?? '');
      this.setData({
        manualPhone: true,
        phoneHint: refused ? '未授权手机号，您也可以手动输入' : '暂时无法快捷验证，请手动输入手机号',
      });
    },

    onUseManualPhone() {
      this.setData({ manualPhone: true, phoneHint: '' });
    },

    onUseQuickPhone() {
      this.setData({ manualPhone: false, phoneHint: '', phoneError: '' });
    },

    onPhoneInput(event) {
      this.setData({ phoneNumber: event.detail.trim(), phoneError: '' });
    },

    onSubmitPhone() {
      const number = this.data.phoneNumber;
      if (!isMainlandMobile(number)) {
        this.setData({ phoneError: '请输入11位手机号' });
        return;
      }
      this._phone = { number };
      this._goTo('profile');
    },

    onNameInput(event) {
      this.setData({ name: event.detail });
    },

    onGenderChange(event) {
      this.setData({ gender: event.detail });
    },

    onBirthdayChange(event) {
      this.setData({ birthday: String(event.detail.value) });
    },

    onSubmitProfile() {
      const { name, gender, birthday } = this.data;
      this._join({
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(gender ? { gender } : {}),
        ...(birthday ? { birthday } : {}),
      });
    },

    onSkipProfile() {
      this._join({});
    },

    onOpenCard() {
      // Right after joining is a natural moment to ask (from this tap): once, then the card.
      if (!this.data.canSubscribe) {
        wx.switchTab({ url: MEMBER_HOME_PATH });
        return;
      }
      this.setData({ canSubscribe: false });
      this._askSubscribe(JOIN_TEMPLATES).then(() => wx.switchTab({ url: MEMBER_HOME_PATH }));
    },

    onSubscribe() {
      this.setData({ canSubscribe: false });
      void this._askSubscribe(JOIN_TEMPLATES);
    },

    _goTo(step, extra = {}) {
      this.setData({ step, stepIndex: STEP_INDEX[step], errorMessage: '', ...extra });
    },

    _join(profile) {
      const phone = this._phone;
      if (!phone) {
        this._goTo('phone');
        return;
      }
      if (this.data.loading) return;
      this._load(
        () =>
          callMember('join', {
            ...(this._scene ? { scene: this._scene } : {}),
            ...(this._referral ? { referral: this._referral } : {}),
            consent: { version: PRIVACY_VERSION, agreed: true },
            phone,
            profile,
          }),
        () => ({}),
      ).then((view) => {
        if (view) {
          this._joined(view);
          return;
        }
        // Send the member back to the step that can fix what the server refused.
        const code = this.data.errorCode;
        if (code === 'CONSENT_REQUIRED') this._goTo('privacy', { errorMessage: this.data.errorMessage });
        if (code === 'PHONE_CODE_INVALID' || code === 'PHONE_TAKEN' || code === 'TOO_MANY_ATTEMPTS') {
          this._goTo('phone', { manualPhone: code === 'PHONE_CODE_INVALID', errorMessage: this.data.errorMessage });
        }
      });
    },

    _joined(view) {
      if (!view.created) {
        this._goTo('welcome', { welcomeTitle: '您已是会员', welcomePoints: 0, tierName: view.card.tier.name });
        wx.showToast({ title: '您已是会员', icon: 'none' });
        wx.switchTab({ url: MEMBER_HOME_PATH });
        return;
      }
      this._subscriptions = view.card.subscriptions;
      const offered = view.card.subscriptions.some((s) => JOIN_TEMPLATES.includes(s.key));
      this._goTo('welcome', { welcomeTitle: '欢迎加入会员', welcomePoints: view.welcomePoints, tierName: view.card.tier.name, canSubscribe: offered });
    },
  },
});
