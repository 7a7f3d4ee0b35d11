import type { CouponTemplateView } from '../shared/contracts/views';
import type { TemplateRule, Validity } from '../shared/rules/coupons';
import { templateProblems, type TemplateTerms } from '../shared/rules/coupon-templates';
import { yuanToFen } from './amount';

/**
 * The template editor's form as the manager types it (yuan as text, counts as text, '' = none) and
 * the terms it stands for. Checked with the same rules the server applies, so a field error shows as
 * it is typed; the server checks again on save.
 */
export type Kind = TemplateRule['kind'];
export type ValidityType = 'days' | 'nextDay' | 'fixed';

export interface TemplateForm {
  name: string;
  description: string;
  kind: Kind;
  threshold: string;
  amountOff: string;
  rate: string;
  cap: string;
  giftName: string;
  minOff: string;
  maxOff: string;
  validityType: ValidityType;
  days: string;
  fromDay: string;
  untilDay: string;
  totalStock: string;
  perMember: string;
  perMemberMonthly: string;
  claimable: boolean;
  pointsCost: string;
  stackable: boolean;
  storeIds: string[];
}

export const EMPTY_FORM: TemplateForm = {
  name: '',
  description: '',
  kind: 'cash',
  threshold: '',
  amountOff: '',
  rate: '',
  cap: '',
  giftName: '',
  minOff: '',
  maxOff: '',
  validityType: 'days',
  days: '30',
  fromDay: '',
  untilDay: '',
  totalStock: '',
  perMember: '1',
  perMemberMonthly: '',
  claimable: true,
  pointsCost: '',
  stackable: false,
  storeIds: [],
};

const fen = (text: string): number => (text.trim() === '' ? 0 : (yuanToFen(text.trim()) ?? Number.NaN));
const count = (text: string): number | null => (text.trim() === '' ? null : /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
const yuan = (value: number | null): string => (value === null || value === 0 ? '' : String(value / 100));
const text = (value: number | null): string => (value === null ? '' : String(value));

export function formRule(form: TemplateForm): TemplateRule {
  const thresholdFen = fen(form.threshold);
  switch (form.kind) {
    case 'cash':
      return { kind: 'cash', thresholdFen, amountOffFen: fen(form.amountOff) };
    case 'discount':
      return { kind: 'discount', thresholdFen, rate: count(form.rate) ?? Number.NaN, capFen: form.cap.trim() === '' ? null : fen(form.cap) };
    case 'gift':
      return { kind: 'gift', thresholdFen, giftName: form.giftName.trim() };
    case 'random':
      return { kind: 'random', thresholdFen, minOffFen: fen(form.minOff), maxOffFen: fen(form.maxOff) };
  }
}

export function formValidity(form: TemplateForm): Validity {
  if (form.validityType === 'fixed') return { type: 'fixed', fromDay: form.fromDay, untilDay: form.untilDay };
  return { type: 'days', days: count(form.days) ?? Number.NaN, startsNextDay: form.validityType === 'nextDay' };
}

export function formTerms(form: TemplateForm): TemplateTerms & { description: string } {
  return {
    name: form.name.trim(),
    description: form.description.trim(),
    rule: formRule(form),
    validity: formValidity(form),
    storeIds: form.storeIds,
    tierIds: [],
    limits: { totalStock: count(form.totalStock), perMember: count(form.perMember), perMemberMonthly: count(form.perMemberMonthly) },
    stackable: form.stackable,
    claimable: form.claimable,
    pointsCost: count(form.pointsCost),
  };
}

/** The form field a server-side problem path belongs to. */
const FIELDS: Record<string, keyof TemplateForm> = {
  name: 'name',
  'rule.thresholdFen': 'threshold',
  'rule.amountOffFen': 'amountOff',
  'rule.rate': 'rate',
  'rule.capFen': 'cap',
  'rule.giftName': 'giftName',
  'rule.minOffFen': 'minOff',
  'rule.maxOffFen': 'maxOff',
  'validity.days': 'days',
  'validity.untilDay': 'untilDay',
  'limits.totalStock': 'totalStock',
  'limits.perMember': 'perMember',
  'limits.perMemberMonthly': 'perMemberMonthly',
  pointsCost: 'pointsCost',
  storeIds: 'storeIds',
};

/** Server field errors (by contract path) as form field errors. */
export function byFormField(problems: Record<string, string>): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const [path, message] of Object.entries(problems)) byField[FIELDS[path] ?? FIELDS[path.replace(/\.\w+$/, '')] ?? path] = message;
  return byField;
}

/** Field errors keyed by form field, in Chinese; empty when the form can be saved. */
export function formProblems(form: TemplateForm, known: { storeIds: string[]; tierIds: string[] }): Record<string, string> {
  const byField = byFormField(templateProblems(formTerms(form), known));
  if (form.validityType === 'fixed' && (!/^\d{4}-\d{2}-\d{2}$/.test(form.fromDay) || !/^\d{4}-\d{2}-\d{2}$/.test(form.untilDay))) byField.untilDay = '请选择开始和结束日期';
  return byField;
}

/** A draft loaded back into the form for editing. */
export function formOf(template: CouponTemplateView): TemplateForm {
  const { rule, validity, limits } = template;
  return {
    ...EMPTY_FORM,
    name: template.name,
    description: template.description,
    kind: rule.kind,
    threshold: yuan(rule.thresholdFen),
    amountOff: rule.kind === 'cash' ? yuan(rule.amountOffFen) : '',
    rate: rule.kind === 'discount' ? String(rule.rate) : '',
    cap: rule.kind === 'discount' ? yuan(rule.capFen) : '',
    giftName: rule.kind === 'gift' ? rule.giftName : '',
    minOff: rule.kind === 'random' ? yuan(rule.minOffFen) : '',
    maxOff: rule.kind === 'random' ? yuan(rule.maxOffFen) : '',
    validityType: validity.type === 'fixed' ? 'fixed' : validity.startsNextDay ? 'nextDay' : 'days',
    days: validity.type === 'days' ? String(validity.days) : '',
    fromDay: validity.type === 'fixed' ? validity.fromDay : '',
    untilDay: validity.type === 'fixed' ? validity.untilDay : '',
    totalStock: text(limits.totalStock),
    perMember: text(limits.perMember),
    perMemberMonthly: text(limits.perMemberMonthly),
    claimable: template.claimable,
    pointsCost: text(template.pointsCost),
    stackable: template.stackable,
    storeIds: template.storeIds,
  };
}
