import { type BrandSettings, DEFAULT_BRAND_SETTINGS, type TierDef, toTierView, validateBrandSettings } from './brand-settings';

function withTiers(tiers: TierDef[]): BrandSettings {
  return { ...DEFAULT_BRAND_SETTINGS, tiers };
}

const [normal, silver, gold, diamond] = DEFAULT_BRAND_SETTINGS.tiers;

describe('DEFAULT_BRAND_SETTINGS', () => {
  it('is valid', () => {
    expect(validateBrandSettings(DEFAULT_BRAND_SETTINGS)).toEqual([]);
  });

  it('has the four tiers with their thresholds and multipliers', () => {
    expect(DEFAULT_BRAND_SETTINGS.tiers.map((t) => [t.id, t.name, t.threshold, t.keepThreshold, t.multiplierPermille])).toEqual([
      ['normal', '普通会员', 0, 0, 1000],
      ['silver', '银卡', 1000, 1000, 1200],
      ['gold', '金卡', 5000, 5000, 1500],
      ['diamond', '钻石', 20000, 20000, 2000],
    ]);
    for (const tier of DEFAULT_BRAND_SETTINGS.tiers) {
      expect(tier.benefits.length).toBeGreaterThanOrEqual(2);
      expect(tier.benefits.length).toBeLessThanOrEqual(4);
    }
  });
});

describe('validateBrandSettings', () => {
  it('rejects tiers out of threshold order and equal thresholds', () => {
    expect(validateBrandSettings(withTiers([normal, gold, silver, diamond]))).toEqual([
      expect.stringContaining('从低到高'),
    ]);
    expect(validateBrandSettings(withTiers([normal, { ...silver, threshold: 0, keepThreshold: 0 }]))).toEqual([
      expect.stringContaining('从低到高'),
    ]);
  });

  it('requires the first threshold to be 0', () => {
    expect(validateBrandSettings(withTiers([{ ...normal, threshold: 10 }, silver]))).toContainEqual(
      expect.stringContaining('最低等级的升级门槛须为0'),
    );
  });

  it('rejects duplicate ids', () => {
    expect(validateBrandSettings(withTiers([normal, silver, { ...gold, id: 'silver' }]))).toEqual(['等级ID重复：silver']);
  });

  it('rejects a keep threshold above the upgrade threshold', () => {
    expect(validateBrandSettings(withTiers([normal, { ...silver, keepThreshold: 1001 }]))).toEqual([
      expect.stringContaining('保级门槛不能高于升级门槛'),
    ]);
  });

  it('accepts a keep threshold below the upgrade threshold', () => {
    expect(validateBrandSettings(withTiers([normal, { ...silver, keepThreshold: 800 }]))).toEqual([]);
  });

  it.each([999, 1000.5, 10001])('rejects multiplier %p‰', (multiplierPermille) => {
    expect(validateBrandSettings(withTiers([normal, { ...silver, multiplierPermille }]))).toEqual([
      expect.stringContaining('积分倍率'),
    ]);
  });

  it('rejects a bad colour, no tiers, and bad scalar settings, listing every problem', () => {
    expect(validateBrandSettings(withTiers([{ ...normal, color: 'red' }]))).toEqual([expect.stringContaining('颜色')]);
    expect(validateBrandSettings(withTiers([]))).toEqual(['至少需要一个会员等级']);
    const problems = validateBrandSettings({
      ...DEFAULT_BRAND_SETTINGS,
      brandName: ' ',
      welcomePoints: -1,
      privacyVersion: '',
      memberCodeTtlSeconds: 0,
      growthWindowMonths: 0,
    });
    expect(problems).toHaveLength(5);
  });
});

describe('toTierView', () => {
  it('keeps what pages show and copies the benefits', () => {
    const view = toTierView(diamond);
    expect(view).toEqual({
      id: 'diamond',
      name: '钻石',
      color: diamond.color,
      multiplierPermille: 2000,
      benefits: diamond.benefits,
    });
    expect(view).not.toHaveProperty('threshold');
    expect(view.benefits).not.toBe(diamond.benefits);
  });
});
