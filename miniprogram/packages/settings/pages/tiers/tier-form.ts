import type { TierDef } from '../../../../shared/rules/brand-settings';

/** One tier as the form edits it: numbers as typed, the multiplier in times (1.5), benefits as one text. */
export interface TierRow {
  id: string;
  name: string;
  color: string;
  threshold: string;
  keepThreshold: string;
  multiplier: string;
  benefitsText: string;
  members: number;
}

export function toRow(tier: TierDef, members: number): TierRow {
  return {
    id: tier.id,
    name: tier.name,
    color: tier.color,
    threshold: String(tier.threshold),
    keepThreshold: String(tier.keepThreshold),
    multiplier: String(tier.multiplierPermille / 1000),
    benefitsText: tier.benefits.join('、'),
    members,
  };
}

/** What the form holds as the server's tier: numbers parsed (NaN stays NaN, for the server to name), benefits split. */
export function toTier(row: TierRow): TierDef {
  return {
    id: row.id,
    name: row.name.trim(),
    color: row.color,
    threshold: Number(row.threshold),
    keepThreshold: Number(row.keepThreshold),
    multiplierPermille: Math.round(Number(row.multiplier) * 1000),
    benefits: row.benefitsText
      .split(/[、,，;；\n]/)
      .map((benefit) => benefit.trim())
      .filter(Boolean),
  };
}
