import { z } from 'zod';
import { DEFAULT_BRAND_SETTINGS, validateBrandSettings, type BrandSettings } from '../rules/brand-settings';
import { CARE_JOB_CAUSES, DEFAULT_CARE_SETTINGS, mergeCareSettings } from '../rules/care-settings';
import { mergeMessageSettings } from '../rules/message-settings';
import { MESSAGE_TEMPLATE_KEYS } from '../rules/message-templates';

/**
 * The shape of settings/brand as stored. Every field is optional (a missing one takes the default),
 * but a present one must have the right type: the rules in shared/rules/brand-settings.ts then check
 * what the types cannot (thresholds in order, ranges). Used on load, and by the settings editor.
 */
const tier = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string(),
  threshold: z.number(),
  keepThreshold: z.number(),
  multiplierPermille: z.number(),
  benefits: z.array(z.string()),
});

const days = z.number().int();
/**
 * Care settings the brand no longer has: the post-purchase tasks (感谢/推荐/回访) moved to the
 * after-purchase journey, which has its own steps and on/off. A document saved before still holds
 * them: accepted (whatever their value) and ignored, so the brand's settings stay valid — the schema
 * is strict, and refusing them would make every load of such a document fail.
 */
const LEGACY_CARE_KEYS = ['thanksAfterDays', 'recommendAfterDays', 'revisitAfterDays'] as const;
const LEGACY_CAUSES = ['thanks', 'recommend', 'revisit'] as const;
const ignored = z.unknown().optional();
const care = z
  .object({
    causes: z
      .object(Object.fromEntries([...CARE_JOB_CAUSES.map((cause) => [cause, z.boolean().optional()]), ...LEGACY_CAUSES.map((cause) => [cause, ignored])]))
      .strict()
      .optional(),
    ...Object.fromEntries(LEGACY_CARE_KEYS.map((key) => [key, ignored])),
    birthdayDaysBefore: days.optional(),
    dormantDays: days.optional(),
    couponExpiringDays: days.optional(),
    taskExpireAfterDays: days.optional(),
    newCustomerDays: days.optional(),
    activeWindowDays: days.optional(),
    activeMinPurchases: days.optional(),
    vipRfmTotal: days.optional(),
    rfmMinStoreMembers: days.optional(),
    highTicketTopPercent: days.optional(),
    frequentCategoryMin: days.optional(),
    priceSensitivePercent: days.optional(),
    scripts: z.object(Object.fromEntries(Object.keys(DEFAULT_CARE_SETTINGS.scripts).map((cause) => [cause, z.string().optional()]))).strict().optional(),
  })
  .strict();

const messages = z
  .object({
    templateIds: z.object(Object.fromEntries(MESSAGE_TEMPLATE_KEYS.map((key) => [key, z.string().optional()]))).strict().optional(),
    quietHours: z.object({ start: z.string(), end: z.string() }).strict().nullable().optional(),
    cap: z.object({ perDay: z.number().optional(), perWeek: z.number().optional() }).strict().optional(),
    maxAttempts: z.number().optional(),
    staleAfterHours: z.number().optional(),
  })
  .strict();

export const brandSettingsDocument = z.object({
  brandName: z.string().optional(),
  tiers: z.array(tier).optional(),
  welcomePoints: z.number().optional(),
  privacyVersion: z.string().optional(),
  memberCodeTtlSeconds: z.number().optional(),
  growthWindowMonths: z.number().optional(),
  clerkSaleLimitFen: z.number().optional(),
  welcomeCouponTemplateIds: z.array(z.string()).optional(),
  couponRefundPolicy: z.enum(['restore-if-valid', 'restore-or-replace']).optional(),
  care: care.optional(),
  messages: messages.optional(),
  referralRewardPoints: z.number().optional(),
  pointsPerYuan: z.number().optional(),
  pointsExpiryYears: z.number().optional(),
  updatedAt: z.date().optional(),
  updatedBy: z.string().optional(),
})
  // A misspelt key would otherwise be dropped silently and its default used: refuse it instead.
  .strict();

/** The stored care settings without the keys that no longer mean anything (LEGACY_CARE_KEYS, LEGACY_CAUSES). */
function withoutLegacyCare(stored: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!stored) return stored;
  const rest = Object.fromEntries(Object.entries(stored).filter(([key]) => !(LEGACY_CARE_KEYS as readonly string[]).includes(key)));
  const causes = stored.causes as Record<string, unknown> | undefined;
  if (causes) rest.causes = Object.fromEntries(Object.entries(causes).filter(([cause]) => !(LEGACY_CAUSES as readonly string[]).includes(cause)));
  return rest;
}

/** The stored document over the defaults, or every problem with it (types first, then the rules). */
export function parseBrandSettings(stored: unknown): { ok: true; value: BrandSettings } | { ok: false; problems: string[] } {
  const parsed = brandSettingsDocument.safeParse(stored);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(文档)'}: ${issue.message}`) };
  }
  const { updatedAt: _at, updatedBy: _by, care: storedCare, messages: storedMessages, ...fields } = parsed.data;
  const value: BrandSettings = {
    ...DEFAULT_BRAND_SETTINGS,
    ...fields,
    care: mergeCareSettings(withoutLegacyCare(storedCare) as Parameters<typeof mergeCareSettings>[0]),
    messages: mergeMessageSettings(storedMessages as Parameters<typeof mergeMessageSettings>[0]),
  };
  const problems = validateBrandSettings(value);
  return problems.length ? { ok: false, problems } : { ok: true, value };
}
