/**
 * `npm run import-products -- <file.csv> [--url http://127.0.0.1:8787] [--openid demo-admin]`: sends
 * the CSV to the stock function's importProducts as an admin of a running local cloud — the same
 * action the admin's upload uses. Bad lines are printed by number and nothing is imported.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { LocalCloudClient } from '../emulator/client';
import type { ActionResult } from '../shared/contracts/errors';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { url: { type: 'string', default: `http://127.0.0.1:${process.env.LOCAL_CLOUD_PORT ?? '8787'}` }, openid: { type: 'string', default: 'demo-admin' } },
  });
  const file = positionals[0];
  if (!file) {
    console.error('usage: npm run import-products -- <file.csv> [--url URL] [--openid ADMIN_OPENID]');
    return 2;
  }
  const client = new LocalCloudClient(values.url!);
  const result = (await client.invoke('stock', { openid: values.openid! }, { action: 'importProducts', payload: { csv: fs.readFileSync(file, 'utf8') } })) as ActionResult<{ products: number; stockRows: number }>;
  if (result.ok) {
    console.log(`imported ${result.data.products} products, ${result.data.stockRows} stock rows`);
    return 0;
  }
  console.error(`${result.error.code}: ${result.error.message}`);
  for (const [line, message] of Object.entries(result.error.fields ?? {})) console.error(`  ${line}: ${message}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
