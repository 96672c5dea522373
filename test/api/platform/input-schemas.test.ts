import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';

/**
 * Input hygiene, held for every route at once through the OpenAPI document (the schemas that
 * validate requests): every string a caller sends is bounded and either a closed vocabulary, an
 * anchored pattern, or a format that refuses control characters and lone surrogates; every number
 * is bounded to what its column holds; every list is bounded; no object takes unknown fields. A
 * new route that forgets fails here, before a hostile value can reach the database.
 */
type Schema = Record<string, unknown>;

const SAFE_FORMATS = new Set(['uuid', 'date', 'date-time', 'email', 'line', 'text']);
// Formats whose values have a fixed shape, so they need no maxLength of their own.
const FIXED_LENGTH = new Set(['uuid', 'date', 'date-time']);

function problems(schema: Schema | undefined, where: string): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const found: string[] = [];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const [i, part] of ((schema[key] as Schema[] | undefined) ?? []).entries()) found.push(...problems(part, `${where}(${key}${i})`));
  }
  if ('enum' in schema || 'const' in schema) return found;
  const type = schema['type'];
  if (type === 'string') {
    const format = schema['format'] as string | undefined;
    const pattern = schema['pattern'] as string | undefined;
    const anchored = pattern?.startsWith('^') && pattern.endsWith('$');
    if (!(format && SAFE_FORMATS.has(format)) && !anchored) found.push(`${where}: a string with no safe format or anchored pattern`);
    if (schema['maxLength'] === undefined && !(format && FIXED_LENGTH.has(format)) && !anchored) found.push(`${where}: a string with no maxLength`);
  }
  if (type === 'integer' || type === 'number') {
    if (schema['minimum'] === undefined || schema['maximum'] === undefined) found.push(`${where}: a number without minimum and maximum`);
  }
  if (type === 'array') {
    if (schema['maxItems'] === undefined) found.push(`${where}: a list with no maxItems`);
    found.push(...problems(schema['items'] as Schema, `${where}[]`));
  }
  if (type === 'object') {
    if (schema['additionalProperties'] !== false) found.push(`${where}: an object that takes unknown fields`);
    for (const [name, property] of Object.entries((schema['properties'] as Record<string, Schema> | undefined) ?? {}))
      found.push(...problems(property, `${where}.${name}`));
  }
  return found;
}

t.test('every input of every route is bounded and refuses what cannot be stored', async (t) => {
  const { app } = await buildTestApp(t);
  const document = app.swagger() as {
    paths: Record<
      string,
      Record<string, { parameters?: { in: string; name: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>
    >;
  };
  const all: string[] = [];
  let operations = 0;
  for (const [path, methods] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/') || path.startsWith('/api/docs')) continue;
    for (const [method, operation] of Object.entries(methods)) {
      operations++;
      const name = `${method.toUpperCase()} ${path}`;
      for (const parameter of operation.parameters ?? []) all.push(...problems(parameter.schema, `${name} ${parameter.in}.${parameter.name}`));
      for (const [type, content] of Object.entries(operation.requestBody?.content ?? {})) {
        if (type === 'application/json') all.push(...problems(content.schema, `${name} body`));
      }
    }
  }
  t.ok(operations > 60, `${operations} operations looked at`);
  t.same(all, [], 'no unbounded or unguarded input');
});
