import { type Static, type TSchema, Type } from 'typebox';

/**
 * A value or null. Requests are validated with Ajv's `coerceTypes`, which, inside an `anyOf`, turns
 * an explicit `null` into `0` for a number branch (and `0` into `null` for a null branch): a
 * latitude or a cost sent as null would arrive as 0. So a nullable number is one schema with two
 * types (`type: ['number', 'null']`), which Ajv coerces only when the value is neither; everything
 * else is the union of the schema and null.
 */
export function Nullable<T extends TSchema>(schema: T) {
  const type = (schema as { type?: unknown }).type;
  if ((type === 'number' || type === 'integer') && !('anyOf' in schema)) {
    const { type: _, ...constraints } = schema as Record<string, unknown>;
    return Type.Unsafe<Static<T> | null>({ ...constraints, type: [type, 'null'] });
  }
  return Type.Union([schema, Type.Null()]);
}
