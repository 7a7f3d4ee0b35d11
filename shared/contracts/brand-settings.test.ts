import { DEFAULT_BRAND_SETTINGS } from '../rules/brand-settings';
import { parseBrandSettings } from './brand-settings';

test('a missing or partial document takes the defaults for what it leaves out', () => {
  expect(parseBrandSettings({})).toEqual({ ok: true, value: DEFAULT_BRAND_SETTINGS });
  expect(parseBrandSettings({ welcomePoints: 50, updatedAt: new Date() })).toEqual({ ok: true, value: { ...DEFAULT_BRAND_SETTINGS, welcomePoints: 50 } });
});

test.each([
  ['a wrong type', { welcomePoints: '100' }, 'welcomePoints'],
  ['tiers that are not a list', { tiers: { normal: {} } }, 'tiers'],
  ['a tier missing a field', { tiers: [{ id: 'normal', name: '普通', color: '#000000', threshold: 0, keepThreshold: 0, benefits: [] }] }, 'tiers.0.multiplierPermille'],
  ['a misspelt key', { welcomePoint: 100 }, '(文档)'],
  ['tiers out of order', { tiers: [DEFAULT_BRAND_SETTINGS.tiers[0], DEFAULT_BRAND_SETTINGS.tiers[2], DEFAULT_BRAND_SETTINGS.tiers[1]] }, '从低到高'],
  ['a limit below one yuan', { clerkSaleLimitFen: 0 }, '店员单笔上限'],
  ['not a document at all', 'brand', '(文档)'],
])('%s fails with a problem naming it', (_name, stored, named) => {
  const parsed = parseBrandSettings(stored);
  expect(parsed.ok).toBe(false);
  if (!parsed.ok) expect(parsed.problems.join('\n')).toContain(named);
});

test('care settings saved before post-purchase tasks moved to the after-purchase journey still load: the old keys are ignored', () => {
  const stored = {
    welcomePoints: 50,
    care: { thanksAfterDays: 2, recommendAfterDays: 1, revisitAfterDays: 0, dormantDays: 120, causes: { thanks: false, recommend: true, revisit: false, churn: false } },
  };
  const parsed = parseBrandSettings(stored);
  expect(parsed).toEqual({
    ok: true,
    value: { ...DEFAULT_BRAND_SETTINGS, welcomePoints: 50, care: { ...DEFAULT_BRAND_SETTINGS.care, dormantDays: 120, causes: { ...DEFAULT_BRAND_SETTINGS.care.causes, churn: false } } },
  });
  if (parsed.ok) expect(Object.keys(parsed.value.care.causes).sort()).toEqual(['birthday', 'churn', 'coupon_expiring', 'dormant']);
  // Anything else unknown is still refused.
  expect(parseBrandSettings({ care: { thanksAfterDay: 1 } }).ok).toBe(false);
  expect(parseBrandSettings({ care: { causes: { thank: true } } }).ok).toBe(false);
});
