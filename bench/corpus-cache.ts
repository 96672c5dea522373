import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { adminQuery } from '../test/helpers/cluster.ts';
import { buildWorld } from '../test/helpers/world.ts';
import { type BenchApp, startBenchApp } from './app.ts';
import type { BenchContext } from './run.ts';
import { type CorpusWorld, seedCorpus } from './seed.ts';

export interface Corpus {
  bench: BenchApp;
  world: CorpusWorld;
  size: number;
  /** The time the corpus was made at (its newest specimen is just before); the app's clock is set to it. */
  end: Date;
  /** Seconds spent seeding in this run: 0 when the corpus was already in the cache. */
  seedSeconds: number;
}

/** The corpora seeded in this run, by name and size (`--fresh` seeds each once). */
const rebuilt = new Set<string>();

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * What decides a corpus's stored form: the generator and the seeding, the world it is made in, the
 * schema, sealing and the specimen's normalisation and indexes, openpgp.js's version. A change to any
 * of them makes a new corpus.
 */
const GENERATOR = [
  'bench/corpus.ts',
  'bench/seed.ts',
  'bench/seed-worker.ts',
  'bench/app.ts',
  'test/helpers/world.ts',
  'test/helpers/users.ts',
  'test/helpers/keys.ts',
  'server/demo/data.ts',
  'server/demo/random.ts',
  'server/features/specimens/service.ts',
  'server/features/specimens/schemas.ts',
  'server/features/specimens/taxonomy.ts',
  'server/features/spaces',
  'server/platform/crypto',
  'server/platform/items',
  'migrations',
  'node_modules/openpgp/package.json',
];

async function filesUnder(relative: string): Promise<string[]> {
  const full = path.join(ROOT, relative);
  const entries = await readdir(full, { withFileTypes: true }).catch(() => null);
  if (!entries) return [relative];
  const nested = await Promise.all(entries.map((e) => filesUnder(path.join(relative, e.name))));
  return nested.flat().sort();
}

/** A generator's version: a hash of the files that decide the stored form (GENERATOR for specimens). */
export async function corpusVersion(generator: readonly string[] = GENERATOR): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await Promise.all(generator.map(filesUnder))).flat()) {
    hash
      .update(file)
      .update('\0')
      .update(await readFile(path.join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * A kind of corpus: the name its databases start with (`<prefix>_<size>_<version>`), the files that
 * decide its stored form, and how it is seeded into a migrated database with a world in it.
 */
export interface CorpusKind {
  prefix: string;
  noun: string;
  generator: readonly string[];
  seed(bench: BenchApp, world: CorpusWorld, size: number, log: (m: string) => void): Promise<{ seconds: number; end: Date }>;
}

/** The specimens of bench/corpus.ts (`read`, `search`, `search-scale`). */
export const SPECIMENS: CorpusKind = { prefix: 'enlace_corpus', noun: 'specimens', generator: GENERATOR, seed: seedCorpus };

/**
 * A bench app on its own copy of the corpus of `size` specimens (bench/corpus.ts; or of another
 * kind, `options.kind`): seeded once into a database `enlace_corpus_<size>_<version>` that stays in the bench's PostgreSQL between runs, then
 * copied for each entry that needs it (`CREATE DATABASE … TEMPLATE`, a file copy), so entries share a
 * corpus and a second run seeds nothing. The corpus is built under another name and renamed when
 * complete (an interrupted run leaves no half corpus); older versions of the same size are dropped.
 * It holds no files (pictures are added to each copy by the entry), so the copy is the whole state.
 */
export async function openCorpus(
  { cluster, prefix, log, fresh }: Pick<BenchContext, 'cluster' | 'prefix' | 'log' | 'fresh'>,
  size: number,
  options: { name?: string; kind?: CorpusKind } = {},
): Promise<Corpus> {
  const kind = options.kind ?? SPECIMENS;
  const version = await corpusVersion(kind.generator);
  const cached = `${kind.prefix}_${size}_${version}`;
  const databases = async (pattern: string) =>
    ((await adminQuery(cluster.adminUrl, `SELECT datname FROM pg_database WHERE datname LIKE '${pattern}'`)).rows as { datname: string }[]).map(
      (r) => r.datname,
    );
  let seedSeconds = 0;
  // `--fresh`: each size seeded again once in this run (then shared as usual).
  const again = fresh && !rebuilt.has(`${kind.prefix}_${size}`);
  rebuilt.add(`${kind.prefix}_${size}`);
  const exists = (await adminQuery(cluster.adminUrl, `SELECT 1 FROM pg_database WHERE datname = '${cached}'`)).rowCount;
  if (!exists || again) {
    for (const stale of await databases(`${kind.prefix.replaceAll('_', '\\_')}\\_${size}\\_%`)) {
      await adminQuery(cluster.adminUrl, `DROP DATABASE IF EXISTS "${stale}" WITH (FORCE)`);
    }
    const building = `${cached}_building`;
    const builder = await startBenchApp({ cluster, prefix }, { name: building });
    try {
      const world = await buildWorld(builder);
      const seeded = await kind.seed(builder, world, size, log);
      seedSeconds = seeded.seconds;
      const { item: _item, publish: _publish, ...kept } = world;
      await sql`create table bench_corpus (world jsonb not null, end_at timestamptz not null)`.execute(builder.database.db);
      await sql`insert into bench_corpus values (${JSON.stringify(kept)}::jsonb, ${seeded.end})`.execute(builder.database.db);
    } finally {
      await builder.close();
    }
    await adminQuery(cluster.adminUrl, `ALTER DATABASE "${building}" RENAME TO "${cached}"`);
  } else {
    log(`corpus of ${size} ${kind.noun} from the cache (${cached})`);
  }
  const bench = await startBenchApp({ cluster, prefix }, { template: cached, ...(options.name ? { name: options.name } : {}) });
  const { rows } = await sql<{ world: CorpusWorld; endAt: Date }>`select world, end_at from bench_corpus`.execute(bench.database.db);
  const end = new Date(rows[0]!.endAt);
  bench.clock.set(end);
  return { bench, world: rows[0]!.world, size, end, seedSeconds };
}
