import fs from 'node:fs';
import path from 'node:path';
import type { LocalCloud } from '../emulator/local-cloud';
import type { ActionResult } from '../shared/contracts/errors';
import type { CounterCodeView } from '../shared/contracts/views';

/**
 * Asks the admin function for each store's counter codes, as the given admin, and saves the PNGs:
 * `<dir>/<storeId>-<label>.png`, ready to print.
 */
export async function writeCounterCodes(cloud: LocalCloud, dir: string, adminOpenid: string, storeIds: string[]): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const storeId of storeIds) {
    const outcome = await cloud.runtime.invoke({
      functionName: 'admin',
      openid: adminOpenid,
      source: 'wx_client',
      event: { action: 'counterCodes', payload: { storeId } },
    });
    if (!outcome.ok) throw new Error(`counter codes for ${storeId}: ${outcome.error.message}`);
    const result = outcome.result as ActionResult<{ codes: CounterCodeView[] }>;
    if (!result.ok) throw new Error(`counter codes for ${storeId}: ${result.error.code} ${result.error.message}`);
    for (const code of result.data.codes) {
      const file = path.join(dir, `${storeId}-${code.label.replace(/[\s·/\\]+/g, '-')}.png`);
      fs.writeFileSync(file, Buffer.from(code.pngBase64, 'base64'));
      files.push(file);
    }
  }
  return files;
}
