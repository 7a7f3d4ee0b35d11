import type { BrandSettings } from '../shared/rules/brand-settings';
import { maskPhone } from '../shared/rules/mask';
import { tierById } from '../shared/rules/tiers';
import type { MemberDoc, TaskDoc } from './documents';

/** What a task's script is filled with, taken from the member when the task is made. */
export function taskContext(member: MemberDoc, settings: BrandSettings, couponName: string | null = null): TaskDoc['context'] {
  return {
    name: member.name,
    phoneMasked: maskPhone(member.phone),
    tierName: tierById(settings.tiers, member.tierId).name,
    lastCategory: member.recentPurchases?.[0]?.categories[0] ?? null,
    couponName,
  };
}
