import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../server/platform/db/database.ts';

/**
 * The pieces of the API fuzz test (test/api/fuzz/api.test.ts): the operations read from the
 * OpenAPI document, arbitraries that make requests from their schemas (mostly plausible, some
 * hostile), the pool of real ids those requests point at, a fingerprint of the database, and the
 * restoration of the fuzzer's own identities between requests.
 */

export type Schema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, `/api/specimens/{id}`. */
  path: string;
  /** Fastify's form of it, `/api/specimens/:id` (the key of `app.auditedRoutes`). */
  route: string;
  /** `METHOD /path`, for messages. */
  label: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The JSON body's schema, when the operation takes one. */
  json?: Schema;
  /** Takes multipart/form-data (files). */
  multipart: boolean;
  /** The audit action its requests are recorded under, false for none (`app.auditedRoutes`). */
  action: string | false;
}

interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/**
 * Every operation of the document but those `skip` names. A route that takes files is known by
 * its multipart request body, or — since @fastify/swagger does not turn a route's `consumes` into
 * a request body when the route has no body schema — by being listed in `multipartRoutes`.
 */
export function readOperations(app: FastifyInstance, options: { skip: (label: string) => boolean; multipartRoutes: readonly string[] }): Operation[] {
  const document = app.swagger() as { paths: Record<string, Record<string, OpenApiOperation>> };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [lower, operation] of Object.entries(methods)) {
      if (!METHODS.has(lower)) continue;
      const method = lower.toUpperCase() as Operation['method'];
      const label = `${method} ${path}`;
      if (options.skip(label)) continue;
      const route = path.replace(/\{([^}]+)\}/g, ':$1');
      const parameters = (operation.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.in as Parameter['in'],
        required: p.required ?? false,
        schema: p.schema,
      }));
      const content = operation.requestBody?.content ?? {};
      const recorded = app.auditedRoutes.get(`${method} ${route}`);
      operations.push({
        method,
        path,
        route,
        label,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        ...(content['application/json']?.schema ? { json: content['application/json'].schema } : {}),
        multipart: 'multipart/form-data' in content || options.multipartRoutes.includes(label),
        action: recorded?.action ?? false,
      });
    }
  }
  return operations;
}

// ---------------------------------------------------------------------------------------------
// The pool: real ids for path parameters and id fields, refreshed from the database.

export type Category =
  | 'specimen'
  | 'alert'
  | 'item'
  | 'report'
  | 'person'
  | 'file'
  | 'image'
  | 'user'
  | 'space'
  | 'network'
  | 'organisation'
  | 'webhook'
  | 'session'
  | 'correction'
  | 'sighting'
  | 'annotation';

export class Pool {
  readonly ids = new Map<Category, string[]>();
  /** Addresses of real accounts (sign-in, reset, invitations). */
  emails: string[] = [];
  /** Invitation and reset tokens caught from the portal's mail. */
  tokens: string[] = [];
  /** Valid-looking second-factor codes (current codes of the world's users, recovery-code shapes). */
  otps: string[] = [];
  /** Armored OpenPGP public keys (the profile's key field). */
  pgpKeys: string[] = [];
  /** The world's password, so sign-in and password changes sometimes get past the password. */
  passwords: string[] = [];

  all(): string[] {
    return [...this.ids.values()].flat();
  }

  get(category: Category): string[] {
    return this.ids.get(category) ?? [];
  }

  /** Every id the portal holds, by kind, in the order they were made. */
  async refresh(db: Database): Promise<void> {
    const { rows } = await sql<{ category: Category; id: string }>`
      select category, id from (
        select 'specimen' as category, id, created_at as at from item where kind = 'specimen'
        union all select 'alert', id, created_at from item where kind = 'alert'
        union all select 'item', id, created_at from item
        union all select 'report', i.id, i.created_at from item i join report r on r.item_id = i.id
        union all select 'person', i.id, i.created_at from item i join person p on p.item_id = i.id
        union all select 'file', file_id, created_at from item_attachment where light is null
        union all select 'image', file_id, created_at from item_attachment where light is not null
        union all select 'user', id, created_at from app_user
        union all select 'space', id, created_at from space
        union all select 'network', id, created_at from network
        union all select 'organisation', id, created_at from organisation
        union all select 'webhook', id, created_at from webhook
        union all select 'session', id, created_at from user_session
        union all select 'correction', id, created_at from correction
        union all select 'sighting', id, created_at from sighting
        union all select 'annotation', id, created_at from image_annotation
      ) ids order by category, at, id`.execute(db);
    this.ids.clear();
    for (const row of rows) {
      const list = this.ids.get(row.category) ?? [];
      list.push(row.id);
      this.ids.set(row.category, list);
    }
    const users = await db.selectFrom('appUser').select('email').orderBy('createdAt').orderBy('id').execute();
    this.emails = users.map((u) => u.email);
  }
}

/** Which kind of id a parameter or field names (`id` by the collection before it in the path). */
export function categoryOf(name: string, path: string): Category | undefined {
  switch (name) {
    case 'spaceId':
    case 'space':
      return 'space';
    case 'userId':
    case 'actor':
    case 'namedRecipients':
      return 'user';
    case 'itemId':
    case 'links':
      return 'item';
    case 'fileId':
      return 'file';
    case 'imageId':
      return 'image';
    case 'organisationId':
    case 'targetOrganisations':
      return 'organisation';
    case 'webhookId':
      return 'webhook';
    case 'correctionId':
      return 'correction';
    case 'annotationId':
      return 'annotation';
    case 'networkId':
      return 'network';
    case 'specimenIds':
    case 'specimenId':
      return 'specimen';
    case 'id': {
      const collection = /^\/api\/([a-z-]+)\/\{id\}/.exec(path)?.[1];
      return ({ specimens: 'specimen', alerts: 'alert', reports: 'report', persons: 'person', users: 'user', sessions: 'session' } as const)[
        collection ?? ''
      ];
    }
    default:
      return undefined;
  }
}

/** `arbitrary` with probability `p`, else null. */
export const sometimes = <T>(arbitrary: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: Math.max(1, Math.round((1 - p) / p)), arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

const pick = (list: readonly string[], index: number, fallback: string): string => (list.length ? list[index % list.length]! : fallback);

// ---------------------------------------------------------------------------------------------
// Values.

/** A fragment of JSON sent as written (a number no double holds, an escape JSON.stringify would not write). */
export class Raw {
  constructor(readonly json: string) {}
}

/** JSON text of a value that may hold Raw fragments and own `__proto__` keys. */
export function toJson(value: unknown): string {
  if (value instanceof Raw) return value.json;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  }
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

/** An object with these entries as own properties, `__proto__` included (an object literal would set the prototype). */
export function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

export const MEGABYTE_STRING = 'A'.repeat(1_000_000);

/** Strings no field should choke on. Lone surrogates here become `\udXXX` escapes in JSON text. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '     ',
  '\u0000',
  'Ana\u0000Pérez',
  '\ud800',
  'x\udc00y',
  '\udfff\ud800',
  '\u202eevil\u202c',
  '\u200b\u200c\u200d\ufeff',
  '\u2028\u2029',
  '\r\n',
  '\t',
  '\u0007\u001b[31m',
  "' OR '1'='1",
  "'; drop table app_user; --",
  '" or ""="',
  '\\',
  '%',
  '%00',
  '%ff',
  '$1',
  '{"$gt":""}',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/dev/zero',
  '😀👩‍👩‍👧‍👦🇨🇷',
  '𝕳𝖊𝖑𝖑𝖔',
  'İıſK',
  '中文测试',
  'مرحبا',
  '\u0301\u0301\u0301',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection string, meant literally
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '%s%s%n',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x7fffffff',
  'true',
  '[]',
  '{}',
  'x'.repeat(5_000),
  '\ud83d'.repeat(300),
];

/** Numbers and wrong types for any field. */
export const HOSTILE_SCALARS: readonly unknown[] = [
  -1,
  0,
  2 ** 53 + 1,
  1e308,
  -1e308,
  1.5,
  -0.000001,
  new Raw('99999999999999999999'),
  new Raw('-99999999999999999999'),
  new Raw('1e400'),
  new Raw('-0'),
  new Raw('1E2'),
  null,
  true,
  false,
  [],
  [null],
  ['a', 'b'],
  {},
  { a: 1 },
  [[[[[[]]]]]],
  new Raw('"\\ud800"'),
  new Raw('"\\udc00x"'),
  new Raw('"\\u0000"'),
  new Raw('"a\\u0000b"'),
];

/** A hostile value of any type, for a JSON field. `big`: strings of a megabyte too (bodies only). */
export function hostileValue(big = true): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_SCALARS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: big ? 1 : 0, arbitrary: fc.constant(MEGABYTE_STRING) },
  );
}

/** A hostile string for a path or query parameter. */
export const hostileText = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constant('a'.repeat(250)) },
  );

export interface GenContext {
  pool: Pool;
  /** The operation's OpenAPI path (for `id`). */
  path: string;
  /** The portal's clock. */
  now: () => Date;
}

const NICE = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ' ',
  ' ',
  '-',
  '_',
  '.',
  ',',
  "'",
  'á',
  'é',
  'í',
  'ó',
  'ú',
  'ñ',
  'Ñ',
  'ü',
  'ç',
  'ß',
  '€',
  '中',
  'ك',
  '😀',
  '\u202e',
  '\u200b',
  '\u00a0',
];
const VISIBLE = /[^\s\p{Cc}\p{Cf}]/u;

/** Plausible text of `min`…`max` characters with something visible in it; line breaks only in free text. */
function textArb(min: number, max: number, freeText: boolean): fc.Arbitrary<string> {
  const unit = fc.constantFrom(...NICE, ...(freeText ? ['\n', '\t', '\r\n'] : []));
  const upper = Math.max(min, max);
  const short = fc.string({ unit, minLength: min, maxLength: Math.min(upper, Math.max(min, 40)) });
  const full = fc.string({ unit, minLength: upper, maxLength: upper }).map((s) => s.slice(0, upper));
  return fc.oneof({ weight: 9, arbitrary: short }, { weight: 1, arbitrary: full }).map((s) => {
    let text = s;
    // A character may be two UTF-16 units: the schema counts units, so cut to the bound.
    while (text.length > upper) text = [...text].slice(0, -1).join('');
    while (text.length < min) text += 'a';
    if (!VISIBLE.test(text) && text.length > 0) text = `x${text.slice(1)}`;
    if (min > 0 && !VISIBLE.test(text)) text = 'x';
    return text;
  });
}

/** Strings matching an anchored pattern, within the lengths. */
function patternArb(pattern: string, min: number, max: number): fc.Arbitrary<string> {
  const regex = new RegExp(pattern, 'u');
  return fc.stringMatching(new RegExp(pattern), { maxLength: Math.max(max, 1) }).map((s) => {
    let value = s;
    while (value.length < min && value.length > 0) value += value;
    value = value.slice(0, max);
    return regex.test(value) && value.length >= min ? value : fallbackFor(pattern, min);
  });
}

function fallbackFor(pattern: string, min: number): string {
  if (pattern.includes('[0-9]{6}')) return '123456';
  if (pattern.startsWith('^[a-z][a-z0-9_.]')) return 'specimen.read';
  if (pattern.startsWith('^[A-Z0-9-]')) return 'CRI-DGME';
  if (pattern.startsWith('^[a-z0-9-]')) return 'nw-fuzz';
  if (pattern.startsWith('^https?://')) return 'https://hooks.example.org/enlace';
  return 'a'.repeat(Math.max(min, 1));
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Within a month of the portal's clock (what validity windows and schedules expect). */
const nearNow = (ctx: GenContext): fc.Arbitrary<Date> =>
  fc.integer({ min: -30 * 86_400, max: 30 * 86_400 }).map((seconds) => new Date(ctx.now().getTime() + seconds * 1000));

/** Dates valid for `format: date`, edges included (year 0000 is a valid RFC 3339 date). */
export const dateArb = (ctx: GenContext): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: nearNow(ctx).map(isoDate) },
    {
      weight: 3,
      arbitrary: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map(isoDate),
    },
    { weight: 1, arbitrary: fc.constantFrom('0000-01-01', '0001-01-01', '1900-01-01', '2024-02-29', '2100-12-31', '9999-12-31') },
  );

/** Times valid for `format: date-time`, edges included. */
export const dateTimeArb = (ctx: GenContext): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: nearNow(ctx).map((d) => d.toISOString()) },
    {
      weight: 3,
      arbitrary: fc
        .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '0000-01-01T00:00:00Z',
        '0001-01-01T00:00:00Z',
        '9999-12-31T23:59:59.999Z',
        '2026-03-02T09:00:00+14:00',
        '2026-03-02T09:00:00-12:00',
        '2016-12-31T23:59:60Z',
        '2026-03-02T09:00:00.123456789Z',
        '2026-03-02t09:00:00z',
      ),
    },
  );

/** A uuid: mostly a real one of the right kind, else any real one, a random one, or an odd but valid spelling. */
function uuidArb(category: Category | undefined, ctx: GenContext): fc.Arbitrary<string> {
  const real = (list: () => string[]) => fc.nat().map((i) => pick(list(), i, '00000000-0000-4000-8000-000000000000'));
  return fc.oneof(
    { weight: 14, arbitrary: real(() => (category ? ctx.pool.get(category) : ctx.pool.all())) },
    { weight: 2, arbitrary: real(() => ctx.pool.all()) },
    { weight: 2, arbitrary: fc.uuid() },
    // Valid spellings of a uuid by the schema's format: upper case, and the `urn:uuid:` prefix.
    { weight: 1, arbitrary: real(() => ctx.pool.all()).map((id) => id.toUpperCase()) },
    { weight: 1, arbitrary: real(() => (category ? ctx.pool.get(category) : ctx.pool.all())).map((id) => `urn:uuid:${id}`) },
    { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff') },
  );
}

const URLS = [
  'https://hooks.example.org/enlace',
  'https://sistema.migracion.example/alertas?x=1',
  'http://127.0.0.1:9/hook',
  'http://localhost/x',
  'https://[::1]/a',
  'https://xn--nxasmq6b.example/a',
];

function stringArb(schema: Schema, name: string, ctx: GenContext): fc.Arbitrary<string> {
  const min = (schema['minLength'] as number | undefined) ?? 0;
  const max = (schema['maxLength'] as number | undefined) ?? 200;
  const format = schema['format'] as string | undefined;
  const pattern = schema['pattern'] as string | undefined;
  const category = categoryOf(name, ctx.path);
  if (format === 'uuid') return uuidArb(category, ctx);
  if (format === 'date') return dateArb(ctx);
  if (format === 'date-time') return dateTimeArb(ctx);
  const fromPool = (list: () => string[], other: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 2, arbitrary: fc.nat().map((i) => pick(list(), i, 'nobody@example.org')) }, { weight: 1, arbitrary: other });
  if (format === 'email' || name === 'email')
    return fromPool(
      () => ctx.pool.emails,
      fc.emailAddress().filter((e) => e.length >= Math.max(min, 3) && e.length <= max),
    );
  if (name === 'token') return fromPool(() => ctx.pool.tokens, patternArb(pattern ?? '^[A-Za-z0-9_-]+$', min, max));
  if (name === 'otp') return fromPool(() => ctx.pool.otps, fc.stringMatching(/^[0-9]{6}$/));
  if (/password/i.test(name)) return fromPool(() => ctx.pool.passwords, textArb(min, Math.min(max, 64), false));
  if (name === 'pgpPublicKey') return fromPool(() => ctx.pool.pgpKeys, textArb(min, max, true));
  if (name === 'subject') return fc.oneof(uuidArb(undefined, ctx), textArb(Math.max(min, 1), max, false));
  if (pattern?.startsWith('^https?://') || name === 'url')
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...URLS) },
      { weight: 1, arbitrary: patternArb(pattern ?? '^https?://[^\\s]+$', min, max) },
    );
  if (pattern?.startsWith('^') && pattern.endsWith('$')) return patternArb(pattern, min, max);
  return textArb(min, max, format === 'text');
}

function integerArb(schema: Schema): fc.Arbitrary<number> {
  const min = (schema['minimum'] as number | undefined) ?? -(2 ** 31);
  const max = (schema['maximum'] as number | undefined) ?? 2 ** 31 - 1;
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
}

/** A value the schema accepts (as far as its keywords say), with hostile values mixed in at `rate`. */
export function valueArb(schema: Schema, name: string, ctx: GenContext, rate: number): fc.Arbitrary<unknown> {
  const valid = validArb(schema, name, ctx, rate);
  if (rate <= 0) return valid;
  const one = Math.max(1, Math.round(1 / rate) - 1);
  const hostile = fc.oneof(
    { weight: 3, arbitrary: typedHostile(schema, name, ctx) },
    { weight: 2, arbitrary: hostileValue() },
    { weight: 1, arbitrary: overBound(schema, name, ctx) },
  );
  return fc.oneof({ weight: one, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

const INTEGER_EDGES = [0, -1, 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, -(2 ** 53 - 1)];

/**
 * Hostile but of the schema's type, so the type check lets it by: what a handler, a cleaner or the
 * database then meets. Strings: the hostile strings that fit; an enum: near misses; integers: edges;
 * lists: repeats and empties; objects: empty, or every field hostile.
 */
function typedHostile(schema: Schema, name: string, ctx: GenContext): fc.Arbitrary<unknown> {
  if (Array.isArray(schema['enum'])) {
    const values = (schema['enum'] as unknown[]).filter((v): v is string => typeof v === 'string');
    if (!values.length) return hostileValue(false);
    return fc
      .constantFrom(...values)
      .chain((v) => fc.constantFrom(v.toUpperCase(), v.toLowerCase(), ` ${v}`, `${v}\u0000`, `${v}\u200b`, v.slice(0, -1), `${v},${v}`));
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const parts = schema[key] as Schema[] | undefined;
    if (parts?.length) return fc.oneof(...parts.map((p) => typedHostile(p, name, ctx)));
  }
  const max = (schema['maxLength'] as number | undefined) ?? Infinity;
  switch (schema['type']) {
    case 'string': {
      const fitting = HOSTILE_STRINGS.filter((v) => v.length <= max);
      const format = schema['format'] as string | undefined;
      if (format === 'date') return fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '10000-01-01', '2026-3-2', ...fitting);
      if (format === 'date-time')
        return fc.constantFrom(
          '2016-12-31T23:59:60Z',
          '0000-01-01T00:00:00Z',
          '2026-03-02T09:00:00',
          '2026-03-02 09:00:00Z',
          '2026-03-02T24:00:00Z',
          ...fitting,
        );
      if (format === 'uuid')
        return fc.oneof(
          uuidArb(categoryOf(name, ctx.path), ctx).map((id) => `{${id}}`),
          uuidArb(categoryOf(name, ctx.path), ctx).map((id) => id.replaceAll('-', '')),
          fc.constantFrom(...fitting),
        );
      return fitting.length ? fc.constantFrom(...fitting) : hostileValue(false);
    }
    case 'integer':
    case 'number':
      return fc.constantFrom(
        ...INTEGER_EDGES,
        ...[schema['minimum'], schema['maximum']].filter((v): v is number => typeof v === 'number').flatMap((v) => [v - 1, v, v + 1]),
      );
    case 'array': {
      const items = (schema['items'] as Schema | undefined) ?? {};
      return fc.oneof(
        fc.constant([]),
        validArb(items, name, ctx, 0).map((v) => [v, v]),
        fc.array(typedHostile(items, name, ctx), { minLength: 1, maxLength: 3 }),
      );
    }
    case 'object':
      return fc.oneof(fc.constant({}), objectArb(schema, ctx, 0.5));
    default:
      return hostileValue(false);
  }
}

/** Just past a bound of the schema: one character, one item, one over the maximum. */
function overBound(schema: Schema, name: string, ctx: GenContext): fc.Arbitrary<unknown> {
  const type = schema['type'];
  if (type === 'string' && typeof schema['maxLength'] === 'number') return fc.constant('b'.repeat((schema['maxLength'] as number) + 1));
  if (type === 'integer' && typeof schema['maximum'] === 'number')
    return fc.constantFrom((schema['maximum'] as number) + 1, ((schema['minimum'] as number | undefined) ?? 0) - 1);
  if (type === 'array' && typeof schema['maxItems'] === 'number') {
    const items = (schema['items'] as Schema | undefined) ?? {};
    return fc.array(validArb(items, name, ctx, 0), { minLength: (schema['maxItems'] as number) + 1, maxLength: (schema['maxItems'] as number) + 1 });
  }
  return hostileValue(false);
}

const UNKNOWN_KEYS = [
  'extra',
  '__proto__',
  'constructor',
  'prototype',
  'isAdmin',
  'role',
  'roles',
  'id',
  'status',
  '',
  ' ',
  'a\u0000b',
  '$where',
  '\ud800',
];

export function validArb(schema: Schema, name: string, ctx: GenContext, rate: number): fc.Arbitrary<unknown> {
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  if ('const' in schema) return fc.constant(schema['const']);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const parts = schema[key] as Schema[] | undefined;
    if (parts?.length) return fc.oneof(...parts.map((p) => validArb(p, name, ctx, rate)));
  }
  const type = schema['type'];
  switch (type) {
    case 'string':
      return stringArb(schema, name, ctx);
    case 'integer':
      return integerArb(schema);
    case 'number':
      return fc.double({
        min: (schema['minimum'] as number | undefined) ?? -1e6,
        max: (schema['maximum'] as number | undefined) ?? 1e6,
        noNaN: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema['items'] as Schema | undefined) ?? {};
      const maxItems = (schema['maxItems'] as number | undefined) ?? 5;
      const minItems = (schema['minItems'] as number | undefined) ?? 0;
      const constraints = { minLength: minItems, maxLength: Math.max(minItems, Math.min(maxItems, 4)) };
      const item = valueArb(items, name, ctx, rate);
      return schema['uniqueItems'] ? fc.uniqueArray(item, { ...constraints, selector: (v) => toJson(v) }) : fc.array(item, constraints);
    }
    case 'object':
      return objectArb(schema, ctx, rate);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArb(schema: Schema, ctx: GenContext, rate: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries((schema['properties'] as Record<string, Schema> | undefined) ?? {});
  const required = new Set((schema['required'] as string[] | undefined) ?? []);
  const minProperties = (schema['minProperties'] as number | undefined) ?? 0;
  const fields = properties.map(([name, property]) => {
    // Required fields are dropped now and then when hostile values are on; optional ones come half the time.
    const present = required.has(name) ? (rate > 0 ? fc.integer({ min: 0, max: 19 }).map((n) => n > 0) : fc.constant(true)) : fc.boolean();
    return fc.tuple(fc.constant(name), present, valueArb(property, name, ctx, rate));
  });
  // Now and then a field the schema does not know.
  const unknown = rate > 0 ? sometimes(fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), hostileValue(false)), 1 / 12) : fc.constant(null);
  return fc.tuple(fc.tuple(...fields), unknown).map(([values, extra]) => {
    const entries: [string, unknown][] = values.filter(([, present]) => present).map(([name, , value]) => [name, value]);
    if (entries.length < minProperties && values.length) {
      for (const [name, , value] of values) if (entries.length < minProperties && !entries.some(([n]) => n === name)) entries.push([name, value]);
    }
    if (extra) entries.push(extra);
    return objectOf(entries);
  });
}

// ---------------------------------------------------------------------------------------------
// Requests.

export interface BodySpec {
  /** What the message shows. */
  label: string;
  payload?: string | Buffer;
  contentType?: string;
}

/** JSON text with every long string cut to its start and length: a failure message shows every field. */
export function abbreviated(value: unknown): string {
  const cut = (v: unknown): unknown => {
    if (typeof v === 'string' && v.length > 60) return `${v.slice(0, 30)}…(${v.length} characters)`;
    if (Array.isArray(v)) return v.length > 10 ? [...v.slice(0, 10).map(cut), `…(${v.length} items)`] : v.map(cut);
    if (v !== null && typeof v === 'object' && !(v instanceof Raw)) return objectOf(Object.entries(v).map(([k, x]) => [k, cut(x)]));
    return v;
  };
  return toJson(cut(value));
}

export const jsonBody = (value: unknown, contentType = 'application/json'): BodySpec => ({
  label: abbreviated(value),
  payload: toJson(value),
  contentType,
});

const deep = (depth: number, inner = '') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

/** Whole bodies no JSON route should choke on. */
export function rawHostileBody(): fc.Arbitrary<BodySpec> {
  const json = (text: string, label = text): BodySpec => ({ label, payload: text, contentType: 'application/json' });
  return fc.oneof(
    fc.constantFrom<BodySpec>(
      json('{"a":'),
      json('{'),
      json('}'),
      json(''),
      json('null'),
      json('[]'),
      json('42'),
      json('-1'),
      json('"text"'),
      json('true'),
      json('99999999999999999999'),
      json('{"a":1,"a":2}'),
      json('\ufeff{}'),
      json('{"__proto__":{"x":1}}'),
      json('{"constructor":{"prototype":{}}}'),
      json('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}'),
      json(`"${MEGABYTE_STRING}"`, '"AAAA…" (a 1 MB JSON string)'),
      json(`{"a":"${MEGABYTE_STRING}"}`, '{"a":"AAAA…"} (1 MB)'),
      json(`"${MEGABYTE_STRING}${MEGABYTE_STRING.slice(0, 100_000)}"`, '"AAAA…" (1.1 MB, over the body limit)'),
      json(deep(5_000), '[[[[…]]]] (5,000 nested arrays)'),
      json(deep(50_000), '[[[[…]]]] (50,000 nested arrays)'),
      json(deep(5_000, '{"__proto__":{"x":1}}'), '[[[[{"__proto__":…}]]]] (5,000 nested arrays around a __proto__ key)'),
      json(`${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`, '{"a":{"a":…}} (5,000 nested objects)'),
      json('{"a":"\\ud800"}'),
      json('"\\u0000"'),
      json('\u0000'),
      { label: '{} as text/plain', payload: '{}', contentType: 'text/plain' },
      { label: '{} as application/xml', payload: '{}', contentType: 'application/xml' },
      { label: 'a=1 as form', payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
      { label: '{} as multipart', payload: '{}', contentType: 'multipart/form-data; boundary=x' },
      { label: '{} as application/json; charset=latin1', payload: '{}', contentType: 'application/json; charset=latin1' },
      { label: '{} as application/json;;;', payload: '{}', contentType: 'application/json;;;' },
      { label: '{} as application/vnd.api+json', payload: '{}', contentType: 'application/vnd.api+json' },
      { label: '{} with no content type', payload: '{}' },
      { label: 'bytes as application/octet-stream', payload: Buffer.from([0, 1, 2, 255, 254]), contentType: 'application/octet-stream' },
    ),
    fc.string({ unit: 'binary', maxLength: 60 }).map((text) => json(text)),
  );
}

export interface MultipartPiece {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

function multipartPayload(pieces: MultipartPiece[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const piece of pieces) {
    const disposition = `form-data; name="${piece.name}"${piece.filename !== undefined ? `; filename="${piece.filename}"` : ''}`;
    const type = piece.filename !== undefined ? `\r\nContent-Type: ${piece.contentType ?? 'application/octet-stream'}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(piece.data) ? piece.data : Buffer.from(piece.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const VIEWS = ['front', 'back', 'data_page', 'visible', 'uv', 'ir', 'oblique', 'detail'];

/** Multipart bodies: a valid small PNG now and then, otherwise malformed or odd. */
export function multipartBody(png: Buffer): fc.Arbitrary<BodySpec> {
  const boundary = '----enlace-fuzz-boundary';
  const type = `multipart/form-data; boundary=${boundary}`;
  const describe = (pieces: MultipartPiece[]) =>
    pieces
      .map(
        (p) =>
          `${p.name}${p.filename !== undefined ? `(file ${JSON.stringify(p.filename)}, ${p.contentType}, ${p.data.length} bytes)` : `=${JSON.stringify(String(p.data).slice(0, 40))}`}`,
      )
      .join(' ');
  const build = (label: string, pieces: MultipartPiece[], contentType = type, cut?: (b: Buffer) => Buffer): BodySpec => {
    const payload = multipartPayload(pieces, boundary);
    return { label: `${label}: ${describe(pieces)}`, payload: cut ? cut(payload) : payload, contentType };
  };
  const field = fc.record({
    name: fc.oneof(
      fc.constantFrom('view', 'caption', 'file', 'other', ''),
      fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 50 && !/["\r\n]/.test(s))),
    ),
    data: fc.oneof(fc.constantFrom(...VIEWS), fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 6000)), fc.constant('x'.repeat(5_000))),
  });
  const file = fc.record({
    name: fc.constantFrom('file', 'files', 'image'),
    filename: fc.oneof(
      fc.constantFrom(
        'front.png',
        'a.pdf',
        '',
        'noext',
        '../../etc/passwd',
        'C:\\evil.exe',
        '.png',
        'x'.repeat(300) + '.png',
        'na\u202egnp.exe',
        '😀.png',
        'a%00.png',
        'a;b=c.png',
      ),
    ),
    contentType: fc.constantFrom('image/png', 'image/jpeg', 'application/pdf', 'text/plain', 'application/octet-stream', 'image/svg+xml', ''),
    data: fc.oneof(
      fc.constant<Buffer | string>(png),
      fc.constant<Buffer | string>(png.subarray(0, 40)),
      fc.constant<Buffer | string>(''),
      fc.constant<Buffer | string>('%PDF-1.4\n%%EOF'),
      fc.constant<Buffer | string>('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    ),
  });
  const valid = fc
    .tuple(fc.constantFrom(...VIEWS), fc.option(fc.constantFrom('Anverso', 'Vista UV', ' ', '\u0000'), { nil: undefined }))
    .map(([view, caption]) =>
      build('a small PNG', [
        { name: 'view', data: view },
        ...(caption !== undefined ? [{ name: 'caption', data: caption }] : []),
        { name: 'file', filename: `${view}.png`, contentType: 'image/png', data: png },
      ]),
    );
  const good = [
    { name: 'view', data: 'front' },
    { name: 'file', filename: 'a.png', contentType: 'image/png', data: png },
  ];
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    {
      weight: 4,
      arbitrary: fc.array(fc.oneof(field, file), { minLength: 0, maxLength: 5 }).map((pieces) => build('random parts', pieces)),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        build('no boundary', good, 'multipart/form-data'),
        build('a wrong boundary', good, 'multipart/form-data; boundary=----not-the-one'),
        build('a body cut short', good, type, (b) => b.subarray(0, b.length - 60)),
        build('a body cut in the headers', good, type, (b) => b.subarray(0, 50)),
        build('an empty body', [], type, () => Buffer.alloc(0)),
        build('garbage', [], type, () => Buffer.from('\r\n--x\r\nnonsense\r\n\r\n')),
        build('a field of 100 kB', [{ name: 'view', data: 'v'.repeat(100_000) }, ...good.slice(1)]),
        build('a caption of 10 kB', [{ name: 'view', data: 'front' }, { name: 'caption', data: 'c'.repeat(10_000) }, ...good.slice(1)]),
        build(
          '41 parts',
          Array.from({ length: 41 }, (_, i) => ({ name: 'caption', data: String(i) })),
        ),
        build(
          '21 files',
          Array.from({ length: 21 }, () => good[1]!),
        ),
        build('a file and no view', [good[1]!]),
        build('a view and no file', [good[0]!]),
        build('a view after the file', [good[1]!, good[0]!]),
        build('a PNG declared as a PDF', [good[0]!, { ...good[1]!, contentType: 'application/pdf', filename: 'a.pdf' }] as MultipartPiece[]),
        build('a text file declared as a PNG', [good[0]!, { ...good[1]!, data: 'hello' }] as MultipartPiece[]),
        build('an empty file', [good[0]!, { ...good[1]!, data: '' }] as MultipartPiece[]),
        build('JSON on a file route', [], 'application/json', () => Buffer.from('{"view":"front"}')),
      ),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// URLs.

/**
 * A path segment, percent-encoded so the URL stays valid and still names the operation: a lone
 * surrogate has no UTF-8 form (its WTF-8 bytes make Fastify's router answer 400 FST_ERR_BAD_URL
 * before any route or hook runs), so it becomes U+FFFD; a segment of one or two dots, encoded or
 * not, would be resolved away by the URL parser (another route), so it gets a third.
 */
export function encodeSegment(value: string): string {
  const segment = /^\.{1,2}$/.test(value) ? `${value}.` : value;
  return encodeURIComponent(segment.toWellFormed());
}

/** A query value percent-encoded; a lone surrogate is sent as its WTF-8 bytes (a query string may carry them). */
export function encodeQuery(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff)
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    else out += encodeURIComponent(ch);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The database: a fingerprint, and the fuzzer's identities kept alive.

/** Tables whose changes after a refusal are by design: the trail itself and the sign-in throttle. */
const UNFINGERPRINTED = new Set(['audit_entry', 'audit_queue', 'audit_checkpoint', 'login_throttle']);

/** md5 of every row of every table of the public schema (but the trail and the throttle), by table. */
export async function fingerprinter(db: Database): Promise<() => Promise<Record<string, string>>> {
  const { rows } = await sql<{ table: string; columns: string[] }>`
    select c.table_name as table, array_agg(c.column_name::text order by c.ordinal_position) as columns
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    group by c.table_name order by c.table_name`.execute(db);
  const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const parts = rows
    .filter((r) => !UNFINGERPRINTED.has(r.table) && !r.table.startsWith('kysely_migration'))
    .map((r) => {
      // A session's last_seen_at moves on any request that uses it, refused or not.
      const columns = r.columns.filter((c) => !(r.table === 'user_session' && c === 'last_seen_at'));
      return `(select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from (select ${columns.map(ident).join(', ')} from ${ident(r.table)}) t) as ${ident(r.table)}`;
    });
  const query = sql.raw<Record<string, string>>(`select ${parts.join(',\n')}`);
  return async () => (await query.execute(db)).rows[0]!;
}

export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((table) => before[table] !== after[table]);
}

export interface Identity {
  userId: string;
  sessionIds: string[];
}

/**
 * Snapshots what the fuzz world needs (its users' status, roles, organisation and password, their
 * memberships, the space's schedule) into a schema of its own — outside `public`, so outside the
 * fingerprint — and returns the one statement that puts it back. Run before each request: a 2xx
 * may have signed a user out, locked them, removed them from the space or changed their role.
 */
export async function keeper(
  db: Database,
  world: { spaceId: string; networkId: string; contactId: string; identities: Identity[] },
): Promise<(now: Date) => Promise<void>> {
  const userIds = world.identities.map((i) => `'${i.userId}'`).join(',');
  const sessionIds = world.identities.flatMap((i) => i.sessionIds.map((s) => `'${s}'`)).join(',');
  await sql
    .raw(
      `drop schema if exists fuzz cascade;
       create schema fuzz;
       create table fuzz.app_user as select * from app_user where id in (${userIds});
       create table fuzz.membership as select * from membership where space_id = '${world.spaceId}';
       create table fuzz.space as select * from space where id = '${world.spaceId}';`,
    )
    .execute(db);
  return async (now: Date) => {
    const at = `'${now.toISOString()}'::timestamptz`;
    await sql
      .raw(
        `update user_session set revoked_at = null, last_seen_at = ${at}, expires_at = greatest(expires_at, ${at} + interval '1 day')
           where id in (${sessionIds});
         update app_user u set status = o.status, roles = o.roles, organisation_id = o.organisation_id, organisation = o.organisation, password_hash = o.password_hash
           from fuzz.app_user o
           where u.id = o.id and (u.status, u.roles, u.organisation_id, u.organisation, u.password_hash) is distinct from (o.status, o.roles, o.organisation_id, o.organisation, o.password_hash);
         delete from login_throttle;
         update membership set role = 'officer'
           where network_id = '${world.networkId}' and country = (select country from fuzz.app_user where id = '${world.contactId}')
             and role = 'contact_point' and user_id <> '${world.contactId}';
         insert into membership select * from fuzz.membership
           on conflict (space_id, user_id) do update set role = excluded.role where membership.role is distinct from excluded.role;
         update space s set opens_on = o.opens_on, loading_deadline = o.loading_deadline
           from fuzz.space o where s.id = o.id and (s.opens_on, s.loading_deadline) is distinct from (o.opens_on, o.loading_deadline);`,
      )
      .execute(db);
  };
}

/** Trims a text for a failure message. */
export const trim = (text: string, max = 300): string => (text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text);
