import { compileMiniprogram, PACKAGE_LIMIT_BYTES } from '../scripts/lib/compile';
import { packMiniprogramNpm } from '../scripts/lib/pack-npm';
import { syncChartsVendor } from '../scripts/lib/charts-vendor';
import { syncShared } from '../scripts/lib/sync-shared';
import type { Row } from './lib/types';

const GROUP = 'mini-program size (WeChat offline compile)';

/** Each package as WeChat's own compiler outputs it for upload (unused files dropped), against the 2 MB limit. */
export async function benchMiniprogramSize(): Promise<Row[]> {
  syncShared();
  syncChartsVendor();
  await packMiniprogramNpm();
  const { packages, files } = await compileMiniprogram();
  return packages.map((pkg) => ({
    group: GROUP,
    name: `${pkg.name} package`,
    value: pkg.bytes / 1024,
    unit: 'KB',
    note: `${((pkg.bytes / PACKAGE_LIMIT_BYTES) * 100).toFixed(1)}% of the 2 MB limit; ${Object.keys(files).length} files in the upload`,
  }));
}
