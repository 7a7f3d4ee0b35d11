/**
 * Deploys to a real CloudBase environment: creates the collections and indexes declared in
 * shared/db/collections.json, uploads every cloud function (built, as the local cloud runs them) and
 * creates their timer triggers. `--dry-run` prints the plan and touches nothing.
 *
 *   npm run deploy -- --appid wx123 --env prod-1a2b --key ./private.wx123.key [--only db|functions] [--dry-run]
 *
 * Functions are uploaded with miniprogram-ci (the mini-program's upload key, with this machine's IP on
 * its whitelist); collections and indexes need a Tencent Cloud API key in TENCENTCLOUD_SECRETID /
 * TENCENTCLOUD_SECRETKEY (@cloudbase/manager-node).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDatabaseSchema } from '../shared/db/schema';
import { discoverFunctions } from '../emulator/functions/config';
import { buildFunctions } from './lib/build-functions';
import { describeStep, planDeployment, type DeployStep } from './lib/deploy-plan';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      appid: { type: 'string' },
      env: { type: 'string' },
      key: { type: 'string' },
      only: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const schema = parseDatabaseSchema(JSON.parse(fs.readFileSync(path.join(ROOT, 'shared/db/collections.json'), 'utf8')));
  await buildFunctions(path.join(ROOT, 'cloudfunctions'), { minify: true });
  const steps = planDeployment(schema, discoverFunctions(path.join(ROOT, 'cloudfunctions'))).filter(
    (step) => !values.only || (values.only === 'db' ? ['collection', 'index'] : ['function', 'trigger']).includes(step.kind),
  );
  for (const step of steps) console.log(`${values['dry-run'] ? 'would ' : ''}${describeStep(step)}`);
  if (values['dry-run']) return;

  if (!values.env) throw new Error('--env is required: the CloudBase environment id');
  const needsFunctions = steps.some((s) => s.kind === 'function');
  const needsDb = steps.some((s) => s.kind === 'collection');
  if (needsFunctions && (!values.appid || !values.key)) throw new Error('--appid and --key (miniprogram-ci upload key) are required to upload functions');
  if (needsDb && (!process.env.TENCENTCLOUD_SECRETID || !process.env.TENCENTCLOUD_SECRETKEY)) {
    throw new Error('TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY are required to create collections and indexes');
  }
  const run = await connect(values.env, values.appid, values.key);
  for (const step of steps) {
    await run(step);
    console.log(`done: ${describeStep(step)}`);
  }
}

async function connect(env: string, appid?: string, key?: string): Promise<(step: DeployStep) => Promise<void>> {
  const ci = await import('miniprogram-ci');
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const project =
    appid && key
      ? new ci.Project({ appid, type: 'miniProgram', projectPath: ROOT, privateKeyPath: path.resolve(key), ignores: ['node_modules/**/*'] })
      : undefined;
  const manager = process.env.TENCENTCLOUD_SECRETID
    ? new CloudBase({ secretId: process.env.TENCENTCLOUD_SECRETID, secretKey: process.env.TENCENTCLOUD_SECRETKEY, envId: env })
    : undefined;
  return async (step) => {
    switch (step.kind) {
      case 'collection':
        await manager!.database.createCollectionIfNotExists(step.collection);
        return;
      case 'index':
        if (!(await manager!.database.checkIndexExists(step.collection, step.index.IndexName)).Exists) {
          await manager!.database.updateCollection(step.collection, { CreateIndexes: [step.index] });
        }
        return;
      case 'function':
        await ci.cloud.uploadFunction({ project: project!, env, name: step.name, path: step.dir, remoteNpmInstall: true });
        return;
      case 'trigger':
        await ci.cloud.createTimeTrigger({ project: project!, envId: env, functionName: step.functionName, triggersConfig: [step.trigger] });
        return;
    }
  };
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
