import { ensureMiniprogramNpm } from './lib/pack-npm';
import { syncShared } from './lib/sync-shared';
import { syncChartsVendor } from './lib/charts-vendor';

/**
 * Component tests render real WXML with wcc, which needs the Vant files in miniprogram_npm and the
 * synced shared/ code in place before any test file loads.
 */
export default async function setupMiniprogramTests(): Promise<void> {
  syncShared();
  syncChartsVendor();
  await ensureMiniprogramNpm();
}
