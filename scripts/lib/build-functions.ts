import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export interface BuiltFunction {
  name: string;
  outfile: string;
  bytes: number;
}

/**
 * Bundles each `<root>/<name>/src/index.ts` into `<root>/<name>/index.js`, the file WeChat DevTools
 * uploads. The project's `shared/` code and npm packages such as zod and dayjs go into the bundle;
 * `wx-server-sdk` stays external because the cloud installs it from the function's package.json.
 */
export async function buildFunctions(root: string, options: { minify?: boolean } = {}): Promise<BuiltFunction[]> {
  const names = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'src/index.ts')))
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const outfile = path.join(root, name, 'index.js');
      await build({
        entryPoints: [path.join(root, name, 'src/index.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        // CloudBase's Node.js 16 runtime is the oldest a function may be deployed on.
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        minify: options.minify ?? false,
        legalComments: 'none',
        logLevel: 'silent',
      });
      return { name, outfile, bytes: fs.statSync(outfile).size };
    }),
  );
}
