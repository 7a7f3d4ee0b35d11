import { z } from 'zod';

/**
 * The shape of `shared/db/collections.json`: every collection the product uses and its indexes. The
 * local cloud creates them at start-up; `npm run deploy:db` creates them in a real CloudBase environment.
 */
export const indexKeySchema = z.object({
  field: z.string().min(1),
  direction: z.union([z.literal(1), z.literal(-1)]),
});

export const indexSpecSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_]+$/),
  keys: z.array(indexKeySchema).min(1),
  unique: z.boolean().default(false),
});

export const collectionSpecSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/),
  description: z.string().optional(),
  indexes: z.array(indexSpecSchema).default([]),
});

export const databaseSchemaSchema = z.object({
  collections: z.array(collectionSpecSchema),
});

export type IndexSpec = z.infer<typeof indexSpecSchema>;
export type CollectionSpec = z.infer<typeof collectionSpecSchema>;
export type DatabaseSchema = z.infer<typeof databaseSchemaSchema>;

export function parseDatabaseSchema(json: unknown): DatabaseSchema {
  const schema = databaseSchemaSchema.parse(json);
  const names = new Set<string>();
  for (const collection of schema.collections) {
    if (names.has(collection.name)) throw new Error(`collection ${collection.name} is declared twice`);
    names.add(collection.name);
  }
  return schema;
}
