import fc from 'fast-check';
import * as openpgp from 'openpgp';
import t, { type Extra } from 'tap';
import { verifyLive } from '../../../server/platform/audit/operations.ts';
import { newRecoveryCode } from '../../../server/platform/auth/recovery.ts';
import { totpCode } from '../../../server/platform/auth/totp.ts';
import { alertBody, borderAuthority } from '../../helpers/alerts.ts';
import { buildTestApp } from '../../helpers/app.ts';
import {
  type BodySpec,
  changedTables,
  encodeQuery,
  encodeSegment,
  fingerprinter,
  type GenContext,
  hostileText,
  jsonBody,
  keeper,
  multipartBody,
  type Operation,
  type Parameter,
  Pool,
  rawHostileBody,
  readOperations,
  sometimes,
  trim,
  validArb,
  valueArb,
} from '../../helpers/fuzz.ts';
import { GROUP, personCalls, publishedPerson, TRAVELLER } from '../../helpers/persons.ts';
import { MODUS_OPERANDI, NETWORK, OPERATION, publishedReport, ROUTE, reportCalls } from '../../helpers/reports.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { documentImage, publishedSpecimen, specimenCalls } from '../../helpers/specimens.ts';
import type { SignedIn } from '../../helpers/users.ts';
import { buildWorld, multipart } from '../../helpers/world.ts';

/**
 * The whole HTTP API, fuzzed from its OpenAPI document. For every operation, fast-check makes
 * requests — path parameters naming real things (or not), query strings and JSON bodies made from
 * the schemas with hostile values mixed in, wholly hostile bodies, malformed multipart — sent as
 * anyone from an anonymous caller to the auditor, and holds for each:
 *   1. no 5xx;
 *   2. exactly one audit entry with the request's id on a route with an audit action, none on a
 *      route without (a path parameter longer than the router's maxParamLength never reaches the
 *      route, so nothing is recorded: Fastify answers 414 itself, and a GET falls to the web app's
 *      catch-all, 404 — or 401 without a session);
 *   3. a refusal (4xx) changes nothing in the database (but the trail and the sign-in throttle);
 *   4. no "database refused input that validation let through" warning in the log;
 * and at the end the audit chain verifies.
 *
 * Each request restores the fuzzer's own identities first (a 2xx may have signed one out, locked
 * it or removed it from the space), so every role keeps being exercised. Requests run one after
 * another on the test clock (a second apart); nothing sleeps.
 *
 * ENLACE_FUZZ_RUNS   requests per operation (default 12, about a minute in all), with a new seed each run;
 * ENLACE_FUZZ_SEED   the seed to replay (printed at the start; fixed when neither is set, so CI is
 *                    the same run every time; the i-th operation of the document
 *                    uses seed + i, whether or not ENLACE_FUZZ_ONLY leaves out others);
 * ENLACE_FUZZ_ONLY   an operation (`POST /api/alerts`) or a regular expression over them;
 * ENLACE_FUZZ_KEEP_GOING=1  report every violation, instead of stopping an operation at its first.
 * A replay sends the same requests, but to a database whose ids and history differ a little (ids
 * are random, and earlier operations are left out under ENLACE_FUZZ_ONLY): each failure also says
 * exactly what was sent.
 */
const RUNS = Number(process.env['ENLACE_FUZZ_RUNS'] ?? 12);
// CI replays one fixed seed (a red run is a finding, never chance); a longer run explores a new one each time.
const SEED = process.env['ENLACE_FUZZ_SEED']
  ? Number(process.env['ENLACE_FUZZ_SEED'])
  : process.env['ENLACE_FUZZ_RUNS']
    ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0
    : 20_261_202;
const ONLY = process.env['ENLACE_FUZZ_ONLY'];
const KEEP_GOING = process.env['ENLACE_FUZZ_KEEP_GOING'] === '1';
const selected = (label: string) => !ONLY || label === ONLY || new RegExp(ONLY).test(label);
// A longer run than the file timeout of .taprc allows: tell the runner (the root test speaks for the process).
if (process.env['ENLACE_FUZZ_RUNS']) t.setTimeout(Math.max(300_000, 120_000 + RUNS * 15_000));

/** A property that did not hold: a one-line summary and what was sent, as diagnostics. */
class Violation extends Error {
  constructor(
    readonly summary: string,
    readonly details: Record<string, unknown>,
  ) {
    super(
      `${summary}\n${Object.entries(details)
        .map(([k, v]) => `  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join('\n')}`,
    );
    this.name = 'Violation';
  }
}

const PASSWORD = 'correct horse battery staple';
const REFUSED_INPUT = 'database refused input that validation let through';
/** Routes that take files: @fastify/swagger leaves their `consumes` out of the document (they have no body schema). */
const MULTIPART_ROUTES = [
  'POST /api/specimens/{id}/images',
  'POST /api/items/{itemId}/attachments',
  'POST /api/entry-requirements/import',
  'POST /api/library/{id}/versions',
  'POST /api/meetings/{id}/documents',
];
/** The docs, and the live event stream (it never ends). */
const SKIPPED = (label: string) => / \/api\/docs/.test(label) || label === 'GET /api/events';

const ACTORS = ['anonymous', 'secretariat', 'officer', 'contact', 'foreign', 'observer', 'auditor'] as const;
type ActorName = (typeof ACTORS)[number];

interface Sent {
  actor: ActorName;
  csrf: 'ok' | 'missing' | 'wrong';
  language: string | undefined;
  idTail: string;
  params: string[];
  query: [string, string][];
  body: BodySpec | null;
}

t.test('every operation of the API holds under fuzzing', async (t) => {
  const started = Date.now();
  const logs: string[] = [];
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, {
    logs,
    // No timers between two fingerprints: checkpoints, verification and sweeps run only when asked.
    config: { smtpUrl: smtp.url, auditCheckpointSeconds: 0, auditVerifyMinutes: 0, blobSweepMinutes: 0 },
  });
  const { app, clock } = env;
  const db = env.database.db;
  const world = await buildWorld(env);
  const must = async (what: string, res: { statusCode: number; body: string; json(): unknown }, status = [200, 201]) => {
    if (!status.includes(res.statusCode)) throw new Error(`setting up ${what}: ${res.statusCode} ${res.body}`);
    return (res.body.startsWith('{') ? res.json() : {}) as { id: string };
  };

  // Real things for path parameters to hit: specimens (published with an image, a draft with two, a
  // RED one), alerts (urgent, published at once; a warning, submitted), reports (a draft with an attachment, published ones with a sighting and an outcome, a RED one),
  // person records (published with a sighting, a draft group, a RED one),
  // a migration authority with a webhook, a correction, a sighting, an invitation.
  const calls = specimenCalls(env, world);
  const png = await documentImage('fuzz', '#2a5599', 48, 32);
  const published = await publishedSpecimen(env, world);
  const draft = (await must('a draft specimen', await calls.create(world.officer, { series: 'C-2021' }))).id;
  await must('draft images', await calls.images(world.officer, draft, ['front', 'back']), [201]);
  const red = (await must('a RED specimen', await calls.create(world.officer, { tlp: 'RED', documentNumber: 'R-7654321' }))).id;
  // Read by anyone but the officer only with a purpose stated (428 until then).
  await must('RED image', await calls.images(world.officer, red, ['data_page']), [201]);
  const issue = (body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/alerts', headers: world.officer.headers, payload: alertBody(env, world, body) });
  await must('an urgent alert', await issue({ specimenIds: [published] }), [201]);
  await must('a warning alert', await issue({ severity: 'warning', tlp: 'GREEN' }), [201]);
  const border = await borderAuthority(env, world, 'MEX');
  // Never delivered (no job runs during the fuzz), and local all the same.
  await must(
    'a webhook',
    await app.inject({
      method: 'POST',
      url: `/api/organisations/${border.organisationId}/webhooks`,
      headers: world.secretariat.headers,
      payload: { url: 'http://127.0.0.1:9/enlace' },
    }),
    [201],
  );
  // Reports made through their own API (a bare item of kind report has no report row, which no route makes):
  // the draft carries the attachment; a published route linked to the specimen, with a sighting; a published
  // operation with a judicial outcome; a RED one named to the foreign officer.
  const reports = reportCalls(env, world);
  const reportItem = await must('a draft report', await reports.create(world.officer, NETWORK), [201]);
  const route = await publishedReport(env, world, { ...ROUTE, links: [published] });
  await must(
    'a report sighting',
    await reports.sight(world.foreign, route, { kind: 'sighting', seenOn: '2026-02-20', country: 'GTM', volume: '40' }),
    [201],
  );
  const operation = await publishedReport(env, world, OPERATION);
  await must(
    'an outcome',
    await reports.outcome(world.officer, operation, { stage: 'charges', decidedOn: '2026-03-01', note: 'Seis imputados' }),
    [201],
  );
  await must('a RED report', await reports.create(world.officer, { ...MODUS_OPERANDI, tlp: 'RED', namedRecipients: [world.foreign.user.id] }), [201]);
  const attachment = multipart([
    { name: 'caption', data: 'Informe' },
    { name: 'file', filename: 'informe.png', contentType: 'image/png', data: png },
  ]);
  await must(
    'an attachment',
    await app.inject({
      method: 'POST',
      url: `/api/items/${reportItem.id}/attachments`,
      headers: { ...world.officer.headers, ...attachment.headers },
      payload: attachment.payload,
    }),
    [201],
  );
  await must(
    'a correction',
    await app.inject({
      method: 'POST',
      url: `/api/specimens/${published}/corrections`,
      headers: world.foreign.headers,
      payload: { changes: { series: 'B-2020' }, comment: 'La serie es B-2020.' },
    }),
    [201],
  );
  await must(
    'a sighting',
    await app.inject({
      method: 'POST',
      url: `/api/specimens/${published}/sightings`,
      headers: world.foreign.headers,
      payload: { kind: 'sighting', seenOn: '2026-02-20', country: 'GTM', place: 'Tecún Umán' },
    }),
    [201],
  );
  await must(
    'an invitation',
    await app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: world.secretariat.headers,
      payload: { email: 'invitada@example.org', displayName: 'Invitada', country: 'CRI', organisation: 'DGME' },
    }),
    [201],
  );
  // Person records made through their own API: a published one whose document is the published
  // specimen, followed by the foreign officer (a purpose stated, a sighting); a group as a draft; a RED
  // one named to the foreign officer.
  const persons = personCalls(env, world);
  const traveller = await publishedPerson(env, world, {
    ...TRAVELLER,
    tlp: 'AMBER',
    person: { ...TRAVELLER.person, documents: [{ documentType: 'passport', issuer: 'CRI', number: 'AV7731942', specimenId: published }] },
  });
  await must('a purpose', await persons.purpose(world.foreign, traveller));
  await must('a person sighting', await persons.sight(world.foreign, traveller, { seenOn: '2026-02-20', country: 'GTM', port: 'El Carmen' }), [201]);
  await must('a draft group', await persons.create(world.officer, GROUP), [201]);
  await must(
    'a RED person record',
    await persons.create(world.officer, { ...TRAVELLER, tlp: 'RED', namedRecipients: [world.foreign.user.id] }),
    [201],
  );
  // Keys made on first use exist before the fuzz begins (so a refused request cannot be the one that makes them).
  await must('the portal key', await app.inject({ url: '/api/alerts/signing-key' }));
  await must('the audit key', await app.inject({ url: '/api/audit/integrity', headers: world.auditor.headers }));
  await app.jobs.drain();

  const actors: Record<ActorName, SignedIn | null> = {
    anonymous: null,
    secretariat: world.secretariat,
    officer: world.officer,
    contact: world.contact,
    foreign: world.foreign,
    observer: world.observer,
    auditor: world.auditor,
  };
  const signedIn = Object.values(actors).filter((a): a is SignedIn => a !== null);
  const sessions = await db
    .selectFrom('userSession')
    .select(['id', 'userId'])
    .where(
      'userId',
      'in',
      signedIn.map((a) => a.user.id),
    )
    .where('revokedAt', 'is', null)
    .execute();
  const restore = await keeper(db, {
    spaceId: world.spaceId,
    networkId: world.networkId,
    contactId: world.contact.user.id,
    identities: signedIn.map((a) => ({ userId: a.user.id, sessionIds: sessions.filter((s) => s.userId === a.user.id).map((s) => s.id) })),
  });
  const fingerprint = await fingerprinter(db);

  const pool = new Pool();
  pool.passwords = [PASSWORD];
  const { publicKey } = await openpgp.generateKey({
    type: 'curve25519',
    userIDs: [{ email: 'fuzz@example.org' }],
    date: new Date(clock.now().getTime() - 86_400_000),
    format: 'armored',
  });
  pool.pgpKeys = [publicKey];
  const refreshPool = async () => {
    await pool.refresh(db);
    pool.tokens = smtp.messages.flatMap((m) => [...m.text.matchAll(/#([A-Za-z0-9_-]{20,100})/g)].map((x) => x[1]!));
    pool.otps = [...signedIn.map((a) => totpCode(a.user.totpSecret!, clock.now())), newRecoveryCode(), '000000'];
  };

  const document = readOperations(app, { skip: SKIPPED, multipartRoutes: MULTIPART_ROUTES });
  t.ok(document.length > 60, `${document.length} operations in the document`);
  for (const route of MULTIPART_ROUTES)
    t.ok(
      document.some((op) => op.label === route && op.multipart),
      `${route} is in the document`,
    );
  const operations = document.filter((op) => selected(op.label));
  t.ok(operations.length > 0, `${operations.length} operations fuzzed`);
  t.comment(`fuzz seed ${SEED} (ENLACE_FUZZ_SEED=${SEED} to replay), ${RUNS} runs per operation, ${operations.length} operations`);

  // The router's bound on a path parameter (server/app.ts sets it): past it, no route is reached.
  const config = app.initialConfig as { routerOptions?: { maxParamLength?: number }; maxParamLength?: number };
  const maxParamLength = config.routerOptions?.maxParamLength ?? config.maxParamLength ?? 100;
  t.comment(`the router's maxParamLength: ${maxParamLength}`);
  const statuses = new Map<number, number>();
  let sent = 0;
  let serial = 0;
  let failed = 0;
  const report = (err: unknown) => {
    failed++;
    // No stack: it would point here; the diagnostics say what was sent and how to replay it.
    if (err instanceof Violation) t.fail(err.summary, { diagnostic: true, ...err.details, at: null, stack: null } as unknown as Extra);
    else t.fail(err instanceof Error ? (err.stack ?? err.message) : String(err));
  };

  for (const op of operations) {
    await refreshPool();
    const ctx: GenContext = { pool, path: op.path, now: () => clock.now() };
    const answered = new Map<number, number>();
    const requests = requestArb(op, ctx, png);
    const check = async (request: Sent): Promise<boolean> => {
      clock.advance(1000);
      await restore(clock.now());
      const before = await fingerprint();
      const requestId = `fz${(++serial).toString(36)}-${request.idTail}`.slice(0, 64);
      const url = urlOf(op, request);
      const actor = actors[request.actor];
      const headers: Record<string, string> = { 'x-request-id': requestId };
      if (actor) {
        headers['cookie'] = actor.cookie;
        if (request.csrf === 'ok') headers['x-csrf-token'] = actor.csrfToken;
        if (request.csrf === 'wrong') headers['x-csrf-token'] = `${actor.csrfToken.slice(0, -2)}xx`;
      }
      if (request.language !== undefined) headers['accept-language'] = request.language;
      if (request.body?.contentType !== undefined) headers['content-type'] = request.body.contentType;
      const logStart = logs.length;
      const res = await app.inject({
        method: op.method,
        url,
        headers,
        ...(request.body?.payload !== undefined ? { payload: request.body.payload } : {}),
      });
      sent++;
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      answered.set(res.statusCode, (answered.get(res.statusCode) ?? 0) + 1);

      const problems: string[] = [];
      if (res.statusCode >= 500) problems.push(`a ${res.statusCode}`);
      // A parameter longer than the router's maxParamLength reaches no route of the API, so no audit
      // entry: Fastify answers 414 FST_ERR_MAX_PARAM_LENGTH itself (no hook runs), and a GET falls to
      // the web app's catch-all `GET /*`, which answers /api paths 404 (401 when not signed in).
      const unrouted = op.pathParams.some((_, i) => request.params[i]!.length > maxParamLength);
      if (unrouted && ![401, 404, 414].includes(res.statusCode))
        problems.push(
          `a parameter over ${maxParamLength} characters answered ${res.statusCode}, not 414 (or, for a GET, the web app's /api 404 or 401)`,
        );
      const expected = op.action && !unrouted ? 1 : 0;
      const entries = await db.selectFrom('auditEntry').select(['seq', 'action', 'outcome']).where('requestId', '=', requestId).execute();
      if (entries.length !== expected) {
        problems.push(
          `${entries.length} audit entries (${entries.map((e) => `${e.action}/${e.outcome}`).join(', ') || 'none'}), expected ${expected}${op.action ? ` (${op.action})` : ''}`,
        );
      }
      if (res.statusCode >= 400) {
        const changed = changedTables(before, await fingerprint());
        if (changed.length) problems.push(`the database changed after a ${res.statusCode}: ${changed.join(', ')}`);
      }
      const lines = logs.slice(logStart).filter((l) => l.includes(REFUSED_INPUT) || (res.statusCode >= 500 && /"level":(50|60)/.test(l)));
      if (lines.some((l) => l.includes(REFUSED_INPUT))) problems.push(`the log says "${REFUSED_INPUT}"`);
      if (problems.length === 0) return true;

      const violation = new Violation(`${op.label}: ${problems.join('; ')}`, {
        request: `${op.method} ${trim(url, 400)}`,
        actor: `${request.actor}${request.actor !== 'anonymous' && request.csrf !== 'ok' ? ` (CSRF token ${request.csrf})` : ''}`,
        ...(request.language !== undefined ? { acceptLanguage: trim(request.language, 40) } : {}),
        contentType: request.body?.contentType ?? null,
        body: request.body ? trim(request.body.label, 600) : null,
        response: `${res.statusCode} ${trim(res.body)}`,
        requestId,
        ...(lines.length ? { log: lines.map((l) => trim(l, 600)) } : {}),
      });
      if (!KEEP_GOING) throw violation;
      report(violation);
      return true;
    };

    // The operation's place in the whole document: the same seed whatever ENLACE_FUZZ_ONLY leaves out.
    const seed = (SEED + document.indexOf(op)) | 0;
    try {
      await fc.assert(fc.asyncProperty(requests, check), {
        numRuns: RUNS,
        seed,
        // One stateful run after another: shrinking would replay requests against a changed database.
        endOnFailure: true,
        // The counterexample may hold a megabyte: the message of the failed check says what was sent.
        reporter: (details) => {
          if (!details.failed) return;
          const replay = `fast-check seed ${seed}, run ${details.numRuns}: ENLACE_FUZZ_SEED=${SEED} ENLACE_FUZZ_ONLY='${op.label}'`;
          const error = details.errorInstance;
          if (error instanceof Violation) throw new Violation(error.summary, { ...error.details, replay });
          throw new Violation(`${op.label}: the check itself threw`, {
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
            replay,
          });
        },
      });
      if (KEEP_GOING) t.comment(`${op.label}: ${tally(answered)}`);
      else t.pass(`${op.label}: ${RUNS} requests (${tally(answered)})`);
    } catch (err) {
      report(err);
    }
  }

  const verdict = await verifyLive(db);
  t.same(
    { ok: verdict.ok, firstBad: verdict.firstBad, reason: verdict.reason },
    { ok: true, firstBad: null, reason: null },
    'the audit chain verifies',
  );
  const refused = logs
    .filter((l) => l.includes(REFUSED_INPUT))
    .map((l) => {
      const line = JSON.parse(l) as { reqId?: string; sqlState?: string; constraint?: string; table?: string; column?: string };
      return `${line.reqId}: sqlState ${line.sqlState}${line.constraint ? `, constraint ${line.constraint}` : ''}${line.table ? `, table ${line.table}` : ''}${line.column ? `, column ${line.column}` : ''}`;
    });
  t.same(refused, [], `no "${REFUSED_INPUT}" in the log`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  t.comment(`${sent} requests in ${seconds} s; statuses ${tally(statuses)}; ${failed} failures`);
});

const tally = (counts: Map<number, number>) =>
  [...counts]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');

/** The URL of a request: its path parameters encoded into the path, its query string. */
function urlOf(op: Operation, request: Sent): string {
  let path = op.path;
  for (const [i, p] of op.pathParams.entries()) path = path.replace(`{${p.name}}`, request.params[i]!);
  const query = request.query.map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(v)}`).join('&');
  return query ? `${path}?${query}` : path;
}

/** A query value as text (an array: one value per repetition, handled by the caller). */
const queryText = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);

function paramArb(p: Parameter, ctx: GenContext): fc.Arbitrary<string> {
  // Mostly a real id of the right kind (validArb draws from the pool), else a hostile string.
  return fc
    .oneof({ weight: 6, arbitrary: validArb(p.schema, p.name, ctx, 0).map(queryText) }, { weight: 1, arbitrary: hostileText() })
    .map(encodeSegment);
}

/**
 * A query string: half the time clean (each parameter omitted or valid), else each parameter
 * omitted, valid, hostile or repeated, and maybe an unknown one — with a dozen parameters, a
 * hostile value somewhere in nearly every one (and so hardly any request past validation).
 */
function queryArb(op: Operation, ctx: GenContext): fc.Arbitrary<[string, string][]> {
  const none = fc.constant<[string, string][]>([]);
  const valid = (p: Parameter) =>
    validArb(p.schema, p.name, ctx, 0).map((v): [string, string][] =>
      Array.isArray(v) ? v.map((x) => [p.name, queryText(x)]) : [[p.name, queryText(v)]],
    );
  const clean = (p: Parameter): fc.Arbitrary<[string, string][]> => fc.oneof(none, valid(p));
  const dirty = (p: Parameter): fc.Arbitrary<[string, string][]> => {
    const hostile = hostileText().map((v): [string, string][] => [[p.name, v]]);
    return fc.oneof(
      { weight: 3, arbitrary: none },
      { weight: 4, arbitrary: valid(p) },
      { weight: 2, arbitrary: hostile },
      // The same parameter twice (the second maybe hostile).
      { weight: 1, arbitrary: fc.tuple(valid(p), fc.oneof(valid(p), hostile)).map(([a, b]) => [...a, ...b]) },
    );
  };
  // Now and then a parameter the schema does not know.
  const unknown = sometimes(
    fc
      .tuple(fc.constantFrom('unknown', 'limit', '__proto__', 'constructor', 'q[]', 'a.b', '', ' '), hostileText())
      .map(([k, v]): [string, string] => [k, v]),
    1 / 10,
  );
  return fc.oneof(
    fc.tuple(...op.queryParams.map(clean)).map((parts) => parts.flat()),
    fc.tuple(fc.tuple(...op.queryParams.map(dirty)), unknown).map(([parts, extra]) => [...parts.flat(), ...(extra ? [extra] : [])]),
  );
}

function bodyArb(op: Operation, ctx: GenContext, png: Buffer): fc.Arbitrary<BodySpec | null> {
  if (op.multipart)
    return fc.oneof(
      { weight: 9, arbitrary: multipartBody(png) },
      { weight: 1, arbitrary: rawHostileBody() },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  if (op.json) {
    const schema = op.json;
    return fc.oneof(
      { weight: 4, arbitrary: validArb(schema, 'body', ctx, 0).map((v) => jsonBody(v)) },
      { weight: 5, arbitrary: valueArb(schema, 'body', ctx, 0.1).map((v) => jsonBody(v)) },
      { weight: 2, arbitrary: rawHostileBody() },
    );
  }
  if (op.method === 'GET') return fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: rawHostileBody() });
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(jsonBody({})) },
    { weight: 2, arbitrary: rawHostileBody() },
  );
}

function requestArb(op: Operation, ctx: GenContext, png: Buffer): fc.Arbitrary<Sent> {
  return fc.record({
    actor: fc.constantFrom(...ACTORS),
    csrf: fc.oneof(
      { weight: 18, arbitrary: fc.constant('ok' as const) },
      { weight: 1, arbitrary: fc.constant('missing' as const) },
      { weight: 1, arbitrary: fc.constant('wrong' as const) },
    ),
    language: sometimes(fc.constantFrom('en', 'es', 'fr', '*', 'en;q=0.1, es;q=0.9', 'es-CR', 'x'.repeat(300), ';;;,,,'), 1 / 3).map(
      (l) => l ?? undefined,
    ),
    idTail: fc.stringMatching(/^[A-Za-z0-9._-]{6,40}$/),
    params: fc.tuple(...op.pathParams.map((p) => paramArb(p, ctx))),
    query: queryArb(op, ctx),
    body: bodyArb(op, ctx, png),
  });
}
