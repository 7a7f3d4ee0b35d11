import path from 'node:path';
import { syncShared } from './lib/sync-shared';
import { REPO_ROOT, SHARED_COPY_ROOT } from './lib/paths';

const { written, removed, unchanged } = syncShared();
console.log(
  `sync-shared → ${path.relative(REPO_ROOT, SHARED_COPY_ROOT)}: ` +
    `${written.length} written, ${removed.length} removed, ${unchanged} unchanged`,
);
for (const rel of written) console.log(`  + ${rel}`);
for (const rel of removed) console.log(`  - ${rel}`);
