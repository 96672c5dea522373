import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import pLimit from 'p-limit';
import { inventedName } from '../server/demo/names.ts';
import { Random } from '../server/demo/random.ts';
import { normaliseExact } from '../server/platform/crypto/blind-index.ts';
import { TEST_MASTER_KEY } from '../test/helpers/keys.ts';
import type { BenchApp } from './app.ts';
import { corpusRow } from './corpus.ts';
import type { CorpusKind } from './corpus-cache.ts';
import { firstPerson, HOLDER_SPECIMENS, holderRecord } from './person-corpus.ts';
import type { PersonSeedJob } from './person-seed-worker.ts';
import type { CorpusWorld } from './seed.ts';

/** A holder name as a specimen's index keeps it (server/features/specimens: whole, in the order written), in clear. */
export const holderIndexForm = (name: string) => name.split(/\s+/).map(normaliseExact).filter(Boolean).join('');

/**
 * Seeding for `person-check`: the records of bench/person-corpus.ts written by two worker threads
 * (bench/person-seed-worker.ts) in batches, without HTTP; specimens with holder names through the
 * API; then the plaintext copy's indexes, then VACUUM ANALYZE. Three spaces in one network, as in
 * the demo's portal: person records in two, specimens in the third.
 */
export async function seedPersons(
  bench: BenchApp,
  world: CorpusWorld,
  size: number,
  log: (m: string) => void,
): Promise<{ seconds: number; end: Date }> {
  const started = performance.now();
  const end = bench.clock.now();
  const { db } = bench.database;
  // Two more spaces in the world's network, the checker and the originators members of each: person
  // records in two spaces (three in four in the world's), specimens with holder names in the third.
  const post = async (url: string, payload: object) => {
    const res = await bench.app.inject({ method: 'POST', url, headers: world.secretariat.headers, payload });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string };
  };
  const spaces = { persons: [world.spaceId], documents: '' };
  for (const name of ['Rutas', 'Documentos']) {
    const { id } = await post('/api/spaces', { networkId: world.networkId, nameEs: name, nameEn: name, opensOn: '2026-03-01' });
    for (const who of [world.foreign, world.officer, world.contact]) {
      await post(`/api/spaces/${id}/members`, { userId: who.user.id, role: who === world.contact ? 'contact_point' : 'officer' });
    }
    if (name === 'Rutas') spaces.persons.push(id);
    else spaces.documents = id;
  }
  await sql`
    create table plain_person (
      item_id uuid primary key, status text not null, tlp text not null, originator_country text not null, form text not null,
      detection_country text not null, detection_year int not null, content jsonb not null,
      readable boolean not null
    )`.execute(db);
  await sql`create table plain_person_name (item_id uuid not null, part text not null, born text not null)`.execute(db);
  await sql`create table plain_person_sound (item_id uuid not null, code text not null, born text not null)`.execute(db);
  await sql`create table plain_specimen_holder (item_id uuid not null, holder text not null, readable boolean not null, tlp text not null)`.execute(
    db,
  );
  const people = [world.foreign, world.officer, world.contact];
  const users = await db
    .selectFrom('appUser')
    .select(['id', 'country', 'organisationId'])
    .where(
      'id',
      'in',
      people.map((p) => p.user.id),
    )
    .execute();
  const threads = Math.max(1, Math.min(2, os.availableParallelism()));
  const per = Math.ceil(size / threads);
  let done = 0;
  let reported = 0;
  const worker = (from: number, to: number) =>
    new Promise<void>((resolve, reject) => {
      const job: PersonSeedJob = {
        url: bench.database.url,
        masterKey: TEST_MASTER_KEY,
        spaceIds: spaces.persons,
        networkId: world.networkId,
        originators: people.map((p) => users.find((u) => u.id === p.user.id)!),
        retentionMonths: bench.config.personRetentionMonths,
        size,
        from,
        to,
        end: end.toISOString(),
      };
      // The worker's module is TypeScript: register tsx in the thread before importing it.
      const code = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(new URL('./person-seed-worker.ts', import.meta.url).href)}); })`;
      const thread = new Worker(code, { eval: true, workerData: job });
      thread.on('message', (m: { done?: number; finished?: boolean; error?: string }) => {
        if (m.done) {
          done += m.done;
          if (done - reported >= Math.max(10_000, size / 10)) {
            reported = done;
            log(`seeded ${done} of ${size} person records (${((performance.now() - started) / 1000).toFixed(0)} s)`);
          }
        }
        if (m.error) reject(new Error(m.error));
        if (m.finished) void thread.terminate().then(() => resolve());
      });
      thread.on('error', reject);
    });
  await Promise.all(Array.from({ length: threads }, (_, t) => worker(t * per, Math.min(size, (t + 1) * per))));
  await seedSpecimens(bench, world, spaces.documents, size, end);
  // The floor's index: (name part, date of birth), and the same for the phonetic codes.
  await sql`create index plain_person_name_idx on plain_person_name (part, born)`.execute(db);
  await sql`create index plain_person_sound_idx on plain_person_sound (code, born)`.execute(db);
  await sql`create index plain_specimen_holder_idx on plain_specimen_holder (holder)`.execute(db);
  for (const table of ['item', 'sealed', 'person', 'specimen', 'plain_person', 'plain_person_name', 'plain_person_sound', 'plain_specimen_holder'])
    await sql`vacuum analyze ${sql.table(table)}`.execute(db);
  const seconds = (performance.now() - started) / 1000;
  log(`seeded ${size} person records in ${seconds.toFixed(1)} s (${threads} threads)`);
  return { seconds, end };
}

/**
 * Specimens with holder names in the documents space (what the check also finds by a holder name):
 * made through the API as an officer writes them (bench/corpus.ts's specimens, their holder names
 * replaced), then published. One in two holds the name of a person of the corpus, so that some
 * checks find a specimen too; seven in ten are GREEN, the rest AMBER+STRICT of a Costa Rican
 * officer — withheld from the checker.
 */
async function seedSpecimens(bench: BenchApp, world: CorpusWorld, spaceId: string, size: number, end: Date) {
  const limit = pLimit(4);
  const made = await Promise.all(
    Array.from({ length: HOLDER_SPECIMENS }, (_, k) =>
      limit(async () => {
        const record = holderRecord(k, size);
        const holder = record === null ? null : firstPerson(record, size, end).names[0]!;
        const { input } = corpusRow(k, HOLDER_SPECIMENS, end);
        const tlp = k % 10 < 7 ? 'GREEN' : 'AMBER+STRICT';
        const body = { ...input, holderNames: [holder ?? inventedName(new Random(k + 1), k % 4 === 1 ? 'F' : 'M')], tlp };
        const res = await bench.app.inject({
          method: 'POST',
          url: `/api/spaces/${spaceId}/specimens`,
          headers: world.officer.headers,
          payload: body,
        });
        if (res.statusCode !== 201) throw new Error(`specimen: ${res.statusCode} ${res.body}`);
        return { id: res.json().id as string, holder: body.holderNames[0]!, tlp };
      }),
    ),
  );
  const { db } = bench.database;
  await db
    .updateTable('item')
    .set({ status: 'published', updatedAt: end })
    .where(
      'id',
      'in',
      made.map((m) => m.id),
    )
    .execute();
  await sql`insert into plain_specimen_holder (item_id, holder, readable, tlp)
    select * from unnest(${made.map((m) => m.id)}::uuid[], ${made.map((m) => holderIndexForm(m.holder))}::text[],
      ${made.map((m) => m.tlp === 'GREEN')}::boolean[], ${made.map((m) => m.tlp)}::text[])`.execute(db);
}

/** The person corpus, kept like the specimens' (bench/corpus-cache.ts): what decides its stored form. */
export const PERSONS: CorpusKind = {
  prefix: 'enlace_persons',
  noun: 'person records',
  generator: [
    'bench/person-corpus.ts',
    'bench/person-seed.ts',
    'bench/person-seed-worker.ts',
    'bench/corpus.ts',
    'server/features/specimens/service.ts',
    'server/features/specimens/schemas.ts',
    'bench/app.ts',
    'test/helpers/world.ts',
    'test/helpers/users.ts',
    'test/helpers/keys.ts',
    'server/demo/data.ts',
    'server/demo/names.ts',
    'server/demo/random.ts',
    'server/features/persons/names.ts',
    'server/features/persons/service.ts',
    'server/features/persons/schemas.ts',
    'server/features/spaces',
    'server/platform/crypto',
    'server/platform/items',
    'migrations',
    'node_modules/openpgp/package.json',
    'node_modules/double-metaphone/package.json',
    'node_modules/any-ascii/package.json',
  ],
  seed: seedPersons,
};
