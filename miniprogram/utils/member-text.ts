import type { CardView, Role } from '../shared/contracts/views';

/** Wording shared by the member and staff screens, kept pure so the pages stay thin. */

/** 12,460 — points and growth read better grouped (no Intl: not every base library has it). */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** '+384' / '-156' for a ledger entry; zero reads '0'. */
export function formatSignedPoints(points: number): string {
  if (points > 0) return `+${formatCount(points)}`;
  return formatCount(points);
}

/**
 * Growth is one per yuan paid, so the growth still missing is also the yuan still to spend.
 * The top tier has no next tier.
 */
export function upgradeHint(nextTier: CardView['nextTier']): string {
  if (!nextTier) return '已是最高等级';
  return `再消费 ${formatCount(nextTier.remaining)} 元升级为 ${nextTier.name}`;
}

const ROLE_NAMES: Record<Role, string> = { clerk: '店员', manager: '店长', admin: '管理员' };

export function roleName(role: Role): string {
  return ROLE_NAMES[role];
}

const DARK_TEXT = '#323233';
const LIGHT_TEXT = '#ffffff';

function relativeLuminance(hex: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return null;
  const [r, g, b] = match.slice(1).map((part) => {
    const channel = parseInt(part, 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Text colour for a label on a tier's colour band: whichever of white and near-black has the higher
 * WCAG contrast, since brands pick tier colours freely (silver and gold need dark text).
 */
export function textColorOn(background: string): string {
  const band = relativeLuminance(background);
  if (band === null) return LIGHT_TEXT;
  const dark = relativeLuminance(DARK_TEXT) as number;
  const againstWhite = 1.05 / (band + 0.05);
  const againstDark = (band + 0.05) / (dark + 0.05);
  return againstWhite >= againstDark ? LIGHT_TEXT : DARK_TEXT;
}
