import { callCoupons, toActionFailure } from '../../services/cloud';
import { getStaffProfile } from '../../stores/staff-profile';
import { takeTemplate } from '../../stores/template-handoff';
import type { VantEvent } from '../../types/vant-event';
import { offerDisplay, type CouponDisplay } from '../../utils/coupon-display';
import { byFormField, EMPTY_FORM, formOf, formProblems, formTerms, type Kind, type TemplateForm, type ValidityType } from '../../utils/template-form';
import { decodeQueryValue } from '../../utils/query';

/**
 * The coupon template editor: a form checked as it is typed (the server's own rules), a live preview of
 * the coupon as a shopper will see it, and one coupons.saveTemplate call that saves a draft. A manager's
 * coupon is their store's; an admin's is the brand's, good in every store.
 */

const KINDS: Array<{ value: Kind; label: string }> = [
  { value: 'cash', label: '满减' },
  { value: 'discount', label: '折扣' },
  { value: 'gift', label: '兑换' },
  { value: 'random', label: '随机金额' },
];

const VALIDITIES: Array<{ value: ValidityType; label: string }> = [
  { value: 'days', label: '领取后N天' },
  { value: 'nextDay', label: '次日起N天' },
  { value: 'fixed', label: '固定日期' },
];

type Data = {
  form: TemplateForm;
  errors: Record<string, string>;
  preview: CouponDisplay;
  kinds: typeof KINDS;
  validities: typeof VALIDITIES;
  templateId: string;
  saving: boolean;
  saveError: string;
};

type Props = {
  templateId: { type: StringConstructor; value: string };
};

type FieldEvent = VantEvent<string> & { currentTarget: { dataset: { field: keyof TemplateForm } } };
type ChoiceEvent = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { field: keyof TemplateForm; value: string }>;

type Methods = {
  onLoad(): void;
  onField(event: FieldEvent): void;
  onChoose(event: ChoiceEvent): void;
  onToggle(event: ChoiceEvent): void;
  onDate(event: WechatMiniprogram.PickerChange & { currentTarget: { dataset: { field: keyof TemplateForm } } }): void;
  onSave(): void;
  _set(change: Partial<TemplateForm>): void;
};

/** The coupon as the shopper will see it, drawn from whatever the form holds (half-typed numbers as 0). */
function previewOf(form: TemplateForm): CouponDisplay {
  const terms = formTerms(form);
  const clean = <T extends object>(value: T): T =>
    Object.fromEntries(Object.entries(value).map(([key, v]) => [key, typeof v === 'number' && Number.isNaN(v) ? 0 : v])) as T;
  const validity = clean(terms.validity);
  return offerDisplay({
    templateId: '',
    name: terms.name || '券名称',
    description: terms.description,
    rule: clean(terms.rule),
    validity: validity.type === 'days' && validity.days === 0 ? { ...validity, days: 30 } : validity,
    storeNames: form.storeIds.length ? ['本店'] : [],
    pointsCost: null,
    remaining: null,
    unavailable: null,
    held: 0,
  });
}

Component<Data, Props, Methods, [], {}, true>({
  properties: {
    templateId: { type: String, value: '' },
  },
  data: {
    form: EMPTY_FORM,
    errors: {},
    preview: previewOf(EMPTY_FORM),
    kinds: KINDS,
    validities: VALIDITIES,
    templateId: '',
    saving: false,
    saveError: '',
  },
  methods: {
    onLoad() {
      const templateId = decodeQueryValue(this.data.templateId);
      const draft = templateId ? takeTemplate(templateId) : null;
      // A manager's coupon is for their store alone; an admin's is the brand's.
      const staff = getStaffProfile();
      const form = draft ? formOf(draft) : { ...EMPTY_FORM, storeIds: staff?.role === 'manager' ? [staff.storeId] : [] };
      this.setData({ form, templateId: draft ? templateId : '', preview: previewOf(form) });
    },

    onField(event) {
      this._set({ [event.currentTarget.dataset.field]: event.detail } as Partial<TemplateForm>);
    },

    onChoose(event) {
      const { field, value } = event.currentTarget.dataset;
      this._set({ [field]: value } as Partial<TemplateForm>);
    },

    onToggle(event) {
      const { field } = event.currentTarget.dataset;
      this._set({ [field]: !this.data.form[field] } as Partial<TemplateForm>);
    },

    onDate(event) {
      this._set({ [event.currentTarget.dataset.field]: String(event.detail.value) } as Partial<TemplateForm>);
    },

    _set(change) {
      const form = { ...this.data.form, ...change };
      const storeIds = form.storeIds;
      // Errors only for fields the manager has touched, and those already showing.
      const all = formProblems(form, { storeIds, tierIds: [] });
      const touched = new Set([...Object.keys(change), ...Object.keys(this.data.errors)]);
      const errors = Object.fromEntries(Object.entries(all).filter(([field]) => touched.has(field)));
      this.setData({ form, errors, preview: previewOf(form), saveError: '' });
    },

    onSave() {
      const { form, saving, templateId } = this.data;
      if (saving) return;
      const errors = formProblems(form, { storeIds: form.storeIds, tierIds: [] });
      if (Object.keys(errors).length) {
        this.setData({ errors, saveError: '请按提示修改后再保存' });
        return;
      }
      this.setData({ saving: true });
      callCoupons('saveTemplate', { ...formTerms(form), ...(templateId ? { templateId } : {}) }).then(
        () => {
          this.setData({ saving: false });
          wx.showToast({ title: '已保存为草稿', icon: 'none' });
          wx.navigateBack();
        },
        (error: unknown) => {
          const failure = toActionFailure(error);
          this.setData({ saving: false, saveError: failure.message, errors: failure.fields ? byFormField(failure.fields) : {} });
        },
      );
    },
  },
});
