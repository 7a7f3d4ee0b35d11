import type { TierDef } from '../rules/brand-settings';

/** 设置: what an admin edits in the mini-program, as the admin function answers it. */
export interface SettingsView {
  brandName: string;
  privacyVersion: string;
  referralRewardPoints: number;
  points: PointsRules;
  tiers: TierDef[];
  /** Members per tier now (the baseline a tier preview compares with). */
  membersByTier: Array<{ tierId: string; members: number }>;
  stores: StoreSettingsView[];
  updatedAt: string | null;
}

export interface PointsRules {
  pointsPerYuan: number;
  pointsExpiryYears: number;
  welcomePoints: number;
}

export interface StoreSettingsView {
  storeId: string;
  name: string;
  address: string;
  active: boolean;
  /** Active staff bound to it. */
  staff: number;
}

/** What a change would do to the members there are: readable lines and the tier counts before and after. */
export interface SettingsEffectView {
  lines: string[];
  byTier: Array<{ tierId: string; name: string; before: number; after: number }>;
}

export interface SavedSettingsView {
  settings: SettingsView;
  effect: SettingsEffectView;
  /** The pass that lifts members to the tiers they now reach: done in the call, or finished by the hourly job. */
  rollout: { status: string; upgraded: number };
}
