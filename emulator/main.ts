/**
 * `npm run cloud -- --port P --data DIR` starts the bare local cloud; `npm start` adds the demo store.
 * Prints `local cloud ready on http://127.0.0.1:P` once it answers.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { LocalCloud, REPO_ROOT } from './local-cloud';
import { StartupError } from './types';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.LOCAL_CLOUD_PORT ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: path.join(REPO_ROOT, '.local-cloud') },
      functions: { type: 'string' },
      schema: { type: 'string' },
      env: { type: 'string', default: 'local' },
      fsync: { type: 'boolean', default: false },
      'no-triggers': { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
    },
  });
  const cloud = await LocalCloud.start({
    port: Number(values.port),
    host: values.host,
    dataDir: values.data!,
    functionsRoot: values.functions,
    schemaFile: values.schema,
    envId: values.env,
    fsync: values.fsync,
    triggers: !values['no-triggers'],
  });
  const stop = async () => {
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The demo is product data, not part of the emulator: loaded only when asked for.
  const demo = values.demo ? await import('../demo/seed') : undefined;
  const summary = demo ? await demo.seedDemoIfEmpty(cloud) : undefined;
  console.log(`local cloud ready on ${cloud.url}`);
  console.log(`  data: ${path.resolve(values.data!)}  functions: ${cloud.runtime.list().map((f) => f.name).join(', ') || '(none)'}`);
  if (summary) console.log(`\n${(await import('../demo/instructions')).demoInstructions(cloud.url, summary)}`);
}

main().catch((error) => {
  if (error instanceof StartupError) console.error(`local cloud cannot start: ${error.message}`);
  else console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
