import path from 'node:path';
import { syncShared } from './lib/sync-shared';
import { syncChartsVendor } from './lib/charts-vendor';
import { REPO_ROOT, SHARED_COPY_ROOT } from './lib/paths';

const { written, removed, unchanged } = syncShared();
if (syncChartsVendor()) console.log('charts vendor → miniprogram/packages/dashboard/vendor/u-charts.js');
console.log(
  `sync-shared → ${path.relative(REPO_ROOT, SHARED_COPY_ROOT)}: ` +
    `${written.length} written, ${removed.length} removed, ${unchanged} unchanged`,
);
for (const rel of written) console.log(`  + ${rel}`);
for (const rel of removed) console.log(`  - ${rel}`);
