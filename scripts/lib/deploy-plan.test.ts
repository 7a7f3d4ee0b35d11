import path from 'node:path';
import fs from 'node:fs';
import { parseDatabaseSchema } from '../../shared/db/schema';
import { discoverFunctions } from '../../emulator/functions/config';
import { describeStep, planDeployment } from './deploy-plan';

const schema = parseDatabaseSchema(JSON.parse(fs.readFileSync(path.join(__dirname, '../../emulator/test/schema.json'), 'utf8')));
const functions = discoverFunctions(path.join(__dirname, '../../emulator/test/functions'));

test('collections come before their indexes, which use CloudBase names and string directions', () => {
  const steps = planDeployment(schema, []);
  expect(steps[0]).toEqual({ kind: 'collection', collection: 'items' });
  expect(steps[1]).toEqual({
    kind: 'index',
    collection: 'items',
    index: { IndexName: 'sku_unique', MgoKeySchema: { MgoIsUnique: true, MgoIndexKeys: [{ Name: 'sku', Direction: '1' }] } },
  });
  const compound = steps.find((s) => s.kind === 'index' && s.index.IndexName === 'store_created');
  expect(compound).toMatchObject({ index: { MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: [{ Name: 'storeId', Direction: '1' }, { Name: 'createdAt', Direction: '-1' }] } } });
  expect(steps.filter((s) => s.kind === 'collection')).toHaveLength(schema.collections.length);
});

test('each function is uploaded and its timer trigger created after it', () => {
  const steps = planDeployment({ collections: [] }, functions);
  const ticker = steps.findIndex((s) => s.kind === 'function' && s.name === 'ticker');
  expect(steps[ticker + 1]).toEqual({
    kind: 'trigger',
    functionName: 'ticker',
    trigger: { name: 'every-second', type: 'timer', config: '* * * * * * *' },
  });
  expect(steps.filter((s) => s.kind === 'trigger')).toHaveLength(1);
  expect(describeStep(steps[ticker + 1])).toBe('create timer trigger ticker.every-second "* * * * * * *"');
});
