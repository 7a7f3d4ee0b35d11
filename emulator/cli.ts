/**
 * The command line shared by `npm run cloud` (emulator/main.ts) and a product's own start script: the
 * flags, the defaults, the ready line tests wait for, a clean stop on SIGINT/SIGTERM, and start-up
 * failures the user must fix printed as one message instead of a stack.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LocalCloud, REPO_ROOT, type LocalCloudOptions } from './local-cloud';
import { StartupError } from './types';

export function cloudOptionsFromArgs(args = process.argv.slice(2)): LocalCloudOptions {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: process.env.LOCAL_CLOUD_PORT ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: path.join(REPO_ROOT, '.local-cloud') },
      functions: { type: 'string' },
      schema: { type: 'string' },
      env: { type: 'string', default: 'local' },
      fsync: { type: 'boolean', default: false },
      'no-triggers': { type: 'boolean', default: false },
    },
  });
  return {
    port: Number(values.port),
    host: values.host,
    dataDir: values.data!,
    functionsRoot: values.functions,
    schemaFile: values.schema,
    envId: values.env,
    fsync: values.fsync,
    triggers: !values['no-triggers'],
  };
}

/**
 * Starts the local cloud, runs `prepare` (seeding, say) and prints the ready line, then whatever
 * `prepare` returned. The ready line comes last so that whoever waits for it finds the cloud prepared.
 */
export async function serve(options: LocalCloudOptions, prepare?: (cloud: LocalCloud) => Promise<string | undefined>): Promise<LocalCloud> {
  const cloud = await LocalCloud.start(options);
  const stop = async () => {
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const extra = await prepare?.(cloud);
  console.log(`local cloud ready on ${cloud.url}`);
  console.log(`  data: ${path.resolve(options.dataDir)}  functions: ${cloud.runtime.list().map((f) => f.name).join(', ') || '(none)'}`);
  if (extra) console.log(`\n${extra}`);
  return cloud;
}

export function exitOnFailure(error: unknown): never {
  if (error instanceof StartupError) console.error(`local cloud cannot start: ${error.message}`);
  else console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
}
