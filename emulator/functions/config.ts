import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * A cloud function's `config.json`, the file WeChat DevTools uploads with it: timeout in seconds,
 * timer triggers (7-field cron, Beijing time) and openapi permissions.
 */
const configSchema = z.object({
  timeout: z.number().int().min(1).max(900).default(3),
  triggers: z
    .array(
      z.object({
        name: z.string().min(1),
        type: z.literal('timer'),
        config: z.string().min(1),
      }),
    )
    .default([]),
  permissions: z.object({ openapi: z.array(z.string()).default([]) }).default({ openapi: [] }),
});

export type FunctionConfig = z.infer<typeof configSchema>;

export interface FunctionInfo {
  name: string;
  dir: string;
  /** The built file that is uploaded and run: `<dir>/index.js`. */
  entry: string;
  config: FunctionConfig;
}

export function readFunctionConfig(dir: string): FunctionConfig {
  const file = path.join(dir, 'config.json');
  const raw = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
  if (parsed.data.triggers.length > 1) throw new Error(`${file}: WeChat Cloud allows one timer trigger per function`);
  return parsed.data;
}

/** Every folder under the functions root that has a package.json is a function. */
export function discoverFunctions(root: string): FunctionInfo[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'package.json')))
    .map((entry) => {
      const dir = path.join(root, entry.name);
      return { name: entry.name, dir, entry: path.join(dir, 'index.js'), config: readFunctionConfig(dir) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
