import type { CouponTemplateView } from '../shared/contracts/views';

/** Carries the draft a manager taps in the template list to the editor (one-shot, like customer-handoff). */
let pending: CouponTemplateView | null = null;

export function handOffTemplate(view: CouponTemplateView): void {
  pending = view;
}

export function takeTemplate(templateId: string): CouponTemplateView | null {
  const view = pending;
  pending = null;
  return view !== null && view.templateId === templateId ? view : null;
}
