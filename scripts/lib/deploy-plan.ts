import type { DatabaseSchema } from '../../shared/db/schema';
import type { FunctionInfo } from '../../emulator/functions/config';

/** CloudBase's shape for an index, as @cloudbase/manager-node's updateCollection takes it. */
export interface CloudBaseCreateIndex {
  IndexName: string;
  MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: Array<{ Name: string; Direction: string }> };
}

export type DeployStep =
  | { kind: 'collection'; collection: string }
  | { kind: 'index'; collection: string; index: CloudBaseCreateIndex }
  | { kind: 'function'; name: string; dir: string }
  | { kind: 'trigger'; functionName: string; trigger: { name: string; type: string; config: string } };

/** Everything a real environment needs, in order: collections and their indexes, then functions and their triggers. */
export function planDeployment(schema: DatabaseSchema, functions: FunctionInfo[]): DeployStep[] {
  const steps: DeployStep[] = [];
  for (const collection of schema.collections) {
    steps.push({ kind: 'collection', collection: collection.name });
    for (const index of collection.indexes) {
      steps.push({
        kind: 'index',
        collection: collection.name,
        index: {
          IndexName: index.name,
          MgoKeySchema: {
            MgoIsUnique: index.unique,
            MgoIndexKeys: index.keys.map((key) => ({ Name: key.field, Direction: String(key.direction) })),
          },
        },
      });
    }
  }
  for (const fn of functions) {
    steps.push({ kind: 'function', name: fn.name, dir: fn.dir });
    for (const trigger of fn.config.triggers) steps.push({ kind: 'trigger', functionName: fn.name, trigger });
  }
  return steps;
}

export function describeStep(step: DeployStep): string {
  switch (step.kind) {
    case 'collection':
      return `create collection ${step.collection} (if missing)`;
    case 'index': {
      const keys = step.index.MgoKeySchema.MgoIndexKeys.map((k) => `${k.Name}:${k.Direction}`).join(', ');
      return `create index ${step.collection}.${step.index.IndexName} (${keys})${step.index.MgoKeySchema.MgoIsUnique ? ' unique' : ''} (if missing)`;
    }
    case 'function':
      return `upload function ${step.name} (cloud installs its npm dependencies)`;
    case 'trigger':
      return `create timer trigger ${step.functionName}.${step.trigger.name} "${step.trigger.config}"`;
  }
}
