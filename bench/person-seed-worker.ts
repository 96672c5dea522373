/**
 * One seeding thread of bench/person-seed.ts: builds person records [from, to) of the corpus exactly
 * as `createPerson` stores them — `normalise`, the record's own key (RecordKey) locking the content,
 * the lock sealed to the space by the same sealer (each record its own OpenPGP message), the blind
 * `nameKeys`, the retention date — at the workflow's end state, in batches of 1,000 rows per table,
 * with the plaintext copy the floor reads (names and phonetic codes in clear, by date of birth).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { nameParts, phoneticCodes } from '../server/features/persons/names.ts';
import { addMonths, nameKeys, normalise, peopleOf } from '../server/features/persons/service.ts';
import { keyringFrom } from '../server/platform/crypto/master-key.ts';
import { RecordKey } from '../server/platform/crypto/record-key.ts';
import { type Sealed, Sealer } from '../server/platform/crypto/sealer.ts';
import { createDatabase } from '../server/platform/db/database.ts';
import { checkerReads, personId, personRow, personSpace, stableUuid } from './person-corpus.ts';

export interface PersonSeedJob {
  url: string;
  masterKey: string;
  /** The spaces of person records (personSpace). */
  spaceIds: string[];
  networkId: string;
  /** 0: the checker; 1 and 2: a Costa Rican officer and contact point. */
  originators: { id: string; country: string; organisationId: string | null }[];
  retentionMonths: number;
  size: number;
  from: number;
  to: number;
  end: string;
}

const BATCH = 1000;
const HOUR = 3_600_000;

async function run(job: PersonSeedJob): Promise<void> {
  const db = createDatabase({ url: job.url, poolMax: 3, applicationName: 'enlace-bench-seed' });
  const keyring = keyringFrom(Buffer.from(job.masterKey, 'base64'), 'test');
  const sealer = new Sealer(db, keyring);
  const end = new Date(job.end);
  try {
    for (let start = job.from; start < job.to; start += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, job.to - start) }, (_, k) => {
        const i = start + k;
        const row = personRow(i, job.size, end);
        const id = personId(i);
        const { content, role, outcome } = normalise(row.body.form, row.body, row.createdAt);
        const key = RecordKey.create(keyring, id);
        return { i, id, spaceId: job.spaceIds[personSpace(i)]!, row, content, role, outcome, key, locked: key.lock(id, content) };
      });
      // Sealed to each record's space (the space's key looked up once per batch).
      const sealed = new Map<string, Sealed>();
      for (const spaceId of job.spaceIds) {
        const mine = rows.filter((r) => r.spaceId === spaceId);
        const messages = await sealer.sealMany(
          spaceId,
          mine.map((r) => r.locked),
        );
        for (const [k, r] of mine.entries()) sealed.set(r.id, messages[k]!);
      }
      const later = (r: (typeof rows)[number]) => new Date(r.row.createdAt.getTime() + 20 * HOUR);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('item')
          .values(
            rows.map(({ i, id, row }) => {
              const who = job.originators[row.originator]!;
              return {
                id,
                kind: 'person' as const,
                spaceId: job.spaceIds[personSpace(i)]!,
                networkId: job.networkId,
                originatorId: who.id,
                originatorCountry: who.country,
                originatorOrganisationId: who.organisationId,
                status: row.status,
                tlp: row.body.tlp!,
                releasableTo: [],
                namedRecipients: row.body.tlp === 'RED' ? [...new Set([who.id, ...(row.namesChecker ? [job.originators[0]!.id] : [])])] : [],
                sourceEvaluation: row.body.sourceEvaluation ?? null,
                informationEvaluation: row.body.informationEvaluation ?? null,
                createdAt: row.createdAt,
                updatedAt: row.status === 'draft' ? row.createdAt : new Date(row.createdAt.getTime() + 20 * HOUR),
              };
            }),
          )
          .execute();
        await trx
          .insertInto('sealed')
          .values(
            rows.map(({ i, id, spaceId, row }) => ({
              id: stableUuid(`person-sealed:${i}`),
              spaceId,
              itemId: id,
              keyVersion: sealed.get(id)!.keyVersion,
              message: Buffer.from(sealed.get(id)!.message),
              wrappedKey: sealed.get(id)!.wrappedKey,
              createdAt: row.createdAt,
            })),
          )
          .execute();
        await trx
          .insertInto('person')
          .values(
            rows.map((r) => ({
              itemId: r.id,
              spaceId: r.spaceId,
              form: r.row.body.form,
              role: r.role,
              outcome: r.outcome,
              detectionCountry: r.content.detection.country,
              detectionYear: Number(r.content.detection.date.slice(0, 4)),
              contentId: stableUuid(`person-sealed:${r.i}`),
              recordKey: r.key.wrapped,
              nameKeys: nameKeys(keyring, r.spaceId, r.content),
              retainUntil: addMonths(r.row.createdAt, job.retentionMonths),
              publishedAt: r.row.status === 'published' || r.row.status === 'withdrawn' ? later(r) : null,
            })),
          )
          .execute();

        // The floor's plaintext copy: the record in clear, and each person's name parts and their codes by date of birth.
        await sql`insert into plain_person (item_id, status, tlp, originator_country, form, detection_country, detection_year, content, readable)
          select * from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.row.status)}::text[], ${rows.map((r) => r.row.body.tlp!)}::text[],
            ${rows.map((r) => job.originators[r.row.originator]!.country)}::text[], ${rows.map((r) => r.row.body.form)}::text[],
            ${rows.map((r) => r.content.detection.country)}::text[], ${rows.map((r) => Number(r.content.detection.date.slice(0, 4)))}::int[],
            ${rows.map((r) => JSON.stringify(r.content))}::jsonb[], ${rows.map((r) => checkerReads({ ...r.row, tlp: r.row.body.tlp! }))}::boolean[])`.execute(
          trx,
        );
        const names: [string, string, string][] = [];
        const sounds: [string, string, string][] = [];
        for (const r of rows) {
          const seenNames = new Set<string>();
          const seenSounds = new Set<string>();
          for (const person of peopleOf(r.content)) {
            if (!person.dateOfBirth) continue;
            for (const part of new Set(person.names.flatMap(nameParts))) {
              if (!seenNames.has(`${part} ${person.dateOfBirth}`)) names.push([r.id, part, person.dateOfBirth]);
              seenNames.add(`${part} ${person.dateOfBirth}`);
              for (const code of phoneticCodes(part)) {
                if (!seenSounds.has(`${code} ${person.dateOfBirth}`)) sounds.push([r.id, code, person.dateOfBirth]);
                seenSounds.add(`${code} ${person.dateOfBirth}`);
              }
            }
          }
        }
        for (const [table, column, list] of [
          ['plain_person_name', 'part', names],
          ['plain_person_sound', 'code', sounds],
        ] as const) {
          await sql`insert into ${sql.table(table)} (item_id, ${sql.ref(column)}, born)
            select * from unnest(${list.map((n) => n[0])}::uuid[], ${list.map((n) => n[1])}::text[], ${list.map((n) => n[2])}::text[])`.execute(trx);
        }
      });
      parentPort!.postMessage({ done: rows.length });
    }
  } finally {
    await db.destroy();
  }
}

run(workerData as PersonSeedJob).then(
  () => parentPort!.postMessage({ finished: true }),
  (err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
);
