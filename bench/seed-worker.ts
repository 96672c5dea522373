/**
 * One seeding thread of bench/seed.ts: builds specimens [from, to) of the corpus exactly as
 * `createSpecimen` stores them (normaliseContent, the same sealer, specimenIndexes), published
 * through the workflow's end state, and writes them in batches of 1,000 rows per table, with
 * their plaintext copy for the floors. Sealing is CPU-bound JavaScript: two threads use both cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { checkContent, normaliseContent, specimenIndexes } from '../server/features/specimens/service.ts';
import { keyringFrom } from '../server/platform/crypto/master-key.ts';
import { Sealer } from '../server/platform/crypto/sealer.ts';
import { createDatabase } from '../server/platform/db/database.ts';
import { corpusRow, plainText, stableUuid } from './corpus.ts';

export interface SeedJob {
  url: string;
  masterKey: string;
  spaceId: string;
  networkId: string;
  originators: { id: string; country: string; organisationId: string | null }[];
  size: number;
  from: number;
  to: number;
  end: string;
}

const BATCH = 1000;
const HOUR = 3_600_000;

async function run(job: SeedJob): Promise<void> {
  const db = createDatabase({ url: job.url, poolMax: 3, applicationName: 'enlace-bench-seed' });
  const keyring = keyringFrom(Buffer.from(job.masterKey, 'base64'), 'test');
  const sealer = new Sealer(db, keyring);
  const end = new Date(job.end);
  try {
    for (let start = job.from; start < job.to; start += BATCH) {
      const indices = Array.from({ length: Math.min(BATCH, job.to - start) }, (_, k) => start + k);
      const rows = indices.map((i) => {
        const row = corpusRow(i, job.size, end);
        const content = normaliseContent(row.input);
        checkContent(content, end);
        return { i, row, content };
      });
      const sealed = await sealer.sealMany(
        job.spaceId,
        rows.map(({ content }) => content),
      );
      const items = rows.map(({ i, row }) => {
        const who = job.originators[row.originator]!;
        const updatedAt = row.status === 'draft' ? row.createdAt : new Date(row.createdAt.getTime() + 20 * HOUR);
        return {
          id: stableUuid(`item:${i}`),
          kind: 'specimen' as const,
          spaceId: job.spaceId,
          networkId: job.networkId,
          originatorId: who.id,
          originatorCountry: who.country,
          originatorOrganisationId: who.organisationId,
          status: row.status,
          tlp: row.input.tlp,
          releasableTo: [],
          namedRecipients: row.input.tlp === 'RED' ? [who.id] : [],
          sourceEvaluation: row.input.sourceEvaluation ?? null,
          informationEvaluation: row.input.informationEvaluation ?? null,
          createdAt: row.createdAt,
          updatedAt,
        };
      });
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('item').values(items).execute();
        await trx
          .insertInto('sealed')
          .values(
            rows.map(({ i, row }, k) => ({
              id: stableUuid(`sealed:${i}`),
              spaceId: job.spaceId,
              itemId: items[k]!.id,
              keyVersion: sealed[k]!.keyVersion,
              message: Buffer.from(sealed[k]!.message),
              wrappedKey: sealed[k]!.wrappedKey,
              createdAt: row.createdAt,
            })),
          )
          .execute();
        await trx
          .insertInto('specimen')
          .values(
            rows.map(({ i, content }, k) => ({
              itemId: items[k]!.id,
              spaceId: job.spaceId,
              contentId: stableUuid(`sealed:${i}`),
              ...specimenIndexes(keyring, job.spaceId, content),
            })),
          )
          .execute();
        // The floor's plaintext copy: the same facets in clear, the content as JSON, its words for full-text search.
        const plain = rows.map(({ content }, k) => {
          const item = items[k]!;
          return sql`(${item.id}::uuid, ${item.spaceId}::uuid, ${item.status}, ${item.tlp}, ${item.originatorCountry}, ${item.createdAt}, ${item.updatedAt},
            ${content.documentType}, ${content.issuingCountry}, ${content.category}, ${content.forgeryKind}, ${content.features.map((f) => f.code)}::text[],
            ${content.detection.date}::date, ${content.detection.country}, ${content.series}, ${JSON.stringify(content)}::jsonb, ${plainText(content)})`;
        });
        await sql`insert into plain_specimen (id, space_id, status, tlp, originator_country, created_at, updated_at, document_type, issuing_country,
            category, forgery_kind, features, detected_on, detection_country, series, content, document) values ${sql.join(plain)}`.execute(trx);
      });
      parentPort!.postMessage({ done: indices.length });
    }
  } finally {
    await db.destroy();
  }
}

run(workerData as SeedJob).then(
  () => parentPort!.postMessage({ finished: true }),
  (err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
);
