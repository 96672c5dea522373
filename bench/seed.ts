import os from 'node:os';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import sharp from 'sharp';
import { VIEW_PAIRS } from '../server/features/specimens/taxonomy.ts';
import { IMAGE_TYPES } from '../server/platform/files/files.ts';
import { recordAttachments, type Upload } from '../server/platform/items/attachments.ts';
import { TEST_MASTER_KEY } from '../test/helpers/keys.ts';
import type { World } from '../test/helpers/world.ts';
import type { BenchApp } from './app.ts';
import { corpusRow, itemId, KEYWORD_ROWS, keywordIndex } from './corpus.ts';
import type { SeedJob } from './seed-worker.ts';

/** What a seeded corpus keeps of the world it was made in: its space, network and signed-in people. */
export type CorpusWorld = Omit<World, 'item' | 'publish'>;

/**
 * Seeding for the specimen benches, without HTTP: the corpus of bench/corpus.ts written by worker
 * threads (bench/seed-worker.ts) in batches, then the plaintext copy's indexes, then VACUUM
 * ANALYZE (a live database's statistics). Memory stays bounded by one batch per thread.
 */
export async function seedCorpus(
  bench: BenchApp,
  world: CorpusWorld,
  size: number,
  log: (m: string) => void,
): Promise<{ seconds: number; end: Date }> {
  const started = performance.now();
  const end = bench.clock.now();
  const { db } = bench.database;
  await sql`
    create table plain_specimen (
      id uuid primary key, space_id uuid not null, status text not null, tlp text not null, originator_country text not null,
      created_at timestamptz not null, updated_at timestamptz not null, document_type text not null, issuing_country text not null,
      category text not null, forgery_kind text, features text[] not null, detected_on date, detection_country text, series text,
      content jsonb not null, document text not null, images jsonb not null default '[]',
      tsv tsvector generated always as (to_tsvector('spanish', document)) stored
    )`.execute(db);
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
  const space = await db.selectFrom('space').select(['id', 'networkId']).where('id', '=', world.spaceId).executeTakeFirstOrThrow();
  const threads = Math.max(1, Math.min(2, os.availableParallelism()));
  const per = Math.ceil(size / threads);
  let done = 0;
  let reported = 0;
  const worker = (from: number, to: number) =>
    new Promise<void>((resolve, reject) => {
      const job: SeedJob = {
        url: bench.database.url,
        masterKey: TEST_MASTER_KEY,
        spaceId: space.id,
        networkId: space.networkId,
        originators: people.map((p) => users.find((u) => u.id === p.user.id)!),
        size,
        from,
        to,
        end: end.toISOString(),
      };
      // The worker's module is TypeScript: register tsx in the thread before importing it.
      const code = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(new URL('./seed-worker.ts', import.meta.url).href)}); })`;
      const thread = new Worker(code, { eval: true, workerData: job });
      thread.on('message', (m: { done?: number; finished?: boolean; error?: string }) => {
        if (m.done) {
          done += m.done;
          if (done - reported >= Math.max(10_000, size / 10)) {
            reported = done;
            log(`seeded ${done} of ${size} specimens (${((performance.now() - started) / 1000).toFixed(0)} s)`);
          }
        }
        if (m.error) reject(new Error(m.error));
        if (m.finished) void thread.terminate().then(() => resolve());
      });
      thread.on('error', reject);
    });
  await Promise.all(Array.from({ length: threads }, (_, t) => worker(t * per, Math.min(size, (t + 1) * per))));
  await sql`create index plain_specimen_tsv_idx on plain_specimen using gin (tsv)`.execute(db);
  await sql`create index plain_specimen_facets_idx on plain_specimen (issuing_country, document_type, category)`.execute(db);
  await sql`create index plain_specimen_features_idx on plain_specimen using gin (features)`.execute(db);
  await sql`create index plain_specimen_created_idx on plain_specimen (created_at desc)`.execute(db);
  for (const table of ['item', 'sealed', 'specimen', 'plain_specimen']) await sql`vacuum analyze ${sql.table(table)}`.execute(db);
  const seconds = (performance.now() - started) / 1000;
  log(`seeded ${size} specimens in ${seconds.toFixed(1)} s (${threads} threads)`);
  return { seconds, end };
}

/** The newest keyword specimens that the search returns first (GTM passports): they get pictures. */
export function searchPage(size: number, count: number): number[] {
  const stride = Math.max(1, Math.floor(size / KEYWORD_ROWS));
  const out: number[] = [];
  for (let k = KEYWORD_ROWS - 1; k >= 0 && out.length < count; k--) {
    const i = k * stride;
    if (i < size && keywordIndex(i, size) === k && k % 2 === 0) out.push(i);
  }
  return out;
}

/** Published GREEN or AMBER specimens (what the officer reads), newest first. */
export function readableRows(size: number, end: Date, count: number): number[] {
  const out: number[] = [];
  for (let i = size - 1; i >= 0 && out.length < count; i--) {
    const row = corpusRow(i, size, end);
    if (row.status === 'published' && (row.input.tlp === 'GREEN' || row.input.tlp === 'AMBER')) out.push(i);
  }
  return out;
}

/**
 * Pictures on some specimens, through the file pipeline and recordAttachments as an upload does
 * (a small generated picture per view); the plaintext copy gets their names and captions in clear.
 */
export async function addImages(bench: BenchApp, indices: number[], views: string[]): Promise<void> {
  const { db } = bench.database;
  const { app } = bench;
  const picture = await sharp({ create: { width: 320, height: 220, channels: 3, background: '#5a7bb5' } })
    .composite([
      { input: Buffer.from('<svg width="320" height="220"><text x="16" y="120" font-size="22" fill="white">SPECIMEN — FICTICIO</text></svg>') },
    ])
    .png()
    .toBuffer();
  const one = async (index: number) => {
    const item = await db.selectFrom('item').selectAll().where('id', '=', itemId(index)).executeTakeFirstOrThrow();
    const uploads: Upload[] = [];
    for (const view of views) {
      const pending = await app.files.ingest(item.spaceId, Readable.from([picture]), IMAGE_TYPES, `${view}.png`);
      uploads.push({ pending, name: `${view}.png`, caption: `Vista ${view}`, ...VIEW_PAIRS[view as keyof typeof VIEW_PAIRS] });
    }
    const ids = await recordAttachments(db, app.sealer, app.files, item, item.originatorId, uploads, new Date(item.createdAt));
    const images = ids.map((id, k) => ({
      id,
      page: uploads[k]!.page,
      light: uploads[k]!.light,
      caption: uploads[k]!.caption,
      name: uploads[k]!.name,
      mediaType: uploads[k]!.pending.original.mediaType,
      byteSize: uploads[k]!.pending.original.byteSize,
      thumbnail: true,
      createdAt: new Date(item.createdAt).toISOString(),
    }));
    await sql`update plain_specimen set images = ${JSON.stringify(images)}::jsonb where id = ${item.id}::uuid`.execute(db);
  };
  for (let at = 0; at < indices.length; at += 8) await Promise.all(indices.slice(at, at + 8).map(one));
  await sql`vacuum analyze item_attachment`.execute(db);
  await sql`vacuum analyze stored_file`.execute(db);
}
