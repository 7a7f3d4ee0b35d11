/** `npm run build:functions [-- --root DIR]`: bundle every cloud function for upload and for the local cloud. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildFunctions } from './lib/build-functions';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { root: { type: 'string', default: 'cloudfunctions' } } });
  const built = await buildFunctions(path.resolve(values.root!));
  for (const fn of built) console.log(`built ${path.relative(process.cwd(), fn.outfile)} (${(fn.bytes / 1024).toFixed(1)} KB)`);
  if (!built.length) console.log(`no functions under ${values.root}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
