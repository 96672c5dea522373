import type pg from 'pg';
import type { Database } from '../../platform/db/database.ts';
import type { Manifest, SequenceEntry } from './manifest.ts';

/**
 * The SQL of backup and restore. It runs on one raw connection (COPY needs the driver's client, and
 * a snapshot or a restore is one transaction on one connection), so most of it is plain SQL text.
 */

/** The portal's own tables and pg-boss's (its queued jobs are part of the portal's state). */
export const BACKED_UP_SCHEMAS = ['public', 'pgboss'];
/** Kysely's bookkeeping: a restore rebuilds it by running the migrations. */
const NOT_DATA = ['kysely_migration', 'kysely_migration_lock'];

/** An identifier, quoted for SQL text (PostgreSQL's rule: double quotes, inner ones doubled). */
export const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const qualified = (schema: string, name: string) => `${quoteName(schema)}.${quoteName(name)}`;

export function snapshotQueries(client: pg.ClientBase) {
  return {
    async migrations(): Promise<string[]> {
      const { rows } = await client.query<{ name: string }>('select name from public.kysely_migration order by name');
      return rows.map((r) => r.name);
    },
    /** Ordinary and partitioned tables (a partition's rows go through its parent), by schema and name. */
    async tables(schemas: string[]): Promise<{ schema: string; name: string }[]> {
      const { rows } = await client.query<{ schema: string; name: string }>(
        `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any($1)
            and not (n.nspname = 'public' and c.relname = any($2))
          order by n.nspname, c.relname`,
        [schemas, NOT_DATA],
      );
      return rows;
    },
    /** Stored columns in order: generated ones are computed again on restore. */
    async columns(schema: string, table: string): Promise<string[]> {
      const { rows } = await client.query<{ name: string }>(
        `select attname as name from pg_attribute
          where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = ''
          order by attnum`,
        [qualified(schema, table)],
      );
      return rows.map((r) => r.name);
    },
    async count(schema: string, table: string): Promise<number> {
      const { rows } = await client.query<{ n: number }>(`select count(*) as n from ${qualified(schema, table)}`);
      return Number(rows[0]!.n);
    },
    async sequences(schemas: string[]): Promise<SequenceEntry[]> {
      const { rows } = await client.query<{ schema: string; name: string; last_value: number | null }>(
        `select schemaname as schema, sequencename as name, last_value from pg_sequences
          where schemaname = any($1) order by schemaname, sequencename`,
        [schemas],
      );
      return rows.map((r) => ({ schema: r.schema, name: r.name, lastValue: r.last_value === null ? null : Number(r.last_value) }));
    },
    async audit(): Promise<Manifest['audit']> {
      const head = await client.query<{ seq: number; hash: Buffer }>('select seq, hash from public.audit_entry order by seq desc limit 1');
      const checkpoint = await client.query<{ seq: number; hash: Buffer; at: Date; fingerprint: string; signature: string }>(
        'select seq, hash, at, fingerprint, signature from public.audit_checkpoint order by seq desc limit 1',
      );
      const h = head.rows[0];
      const cp = checkpoint.rows[0];
      return {
        head: h ? { seq: Number(h.seq), hash: h.hash.toString('hex') } : null,
        checkpoint: cp
          ? { seq: Number(cp.seq), hash: cp.hash.toString('hex'), at: cp.at.toISOString(), fingerprint: cp.fingerprint, signature: cp.signature }
          : null,
      };
    },
    /** Every blob a row references. */
    async blobKeys(): Promise<string[]> {
      const { rows } = await client.query<{ key: string }>('select blob_key as key from public.file_chunk order by blob_key');
      return rows.map((r) => r.key);
    },
  };
}

export function restoreQueries(client: pg.ClientBase) {
  return {
    /** Tables and schemas the portal would make: a database holding any is not empty. */
    async existingTables(): Promise<number> {
      const { rows } = await client.query<{ n: number }>(
        `select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p') and n.nspname = any($1)`,
        [BACKED_UP_SCHEMAS],
      );
      return Number(rows[0]!.n);
    },
    async tableExists(schema: string, table: string): Promise<boolean> {
      const { rows } = await client.query<{ found: string | null }>('select to_regclass($1) as found', [qualified(schema, table)]);
      return rows[0]!.found !== null;
    },
    /** What the migrations themselves inserted goes: the backup's rows replace it. */
    async truncate(tables: { schema: string; name: string }[]): Promise<void> {
      await client.query(`truncate ${tables.map((t) => qualified(t.schema, t.name)).join(', ')}`);
    },
    async setSequence(seq: SequenceEntry & { lastValue: number }): Promise<void> {
      await client.query('select setval($1::regclass, $2, true)', [qualified(seq.schema, seq.name), seq.lastValue]);
    },
    async auditHead(): Promise<{ seq: number; hash: string } | null> {
      const { rows } = await client.query<{ seq: number; hash: Buffer }>('select seq, hash from public.audit_entry order by seq desc limit 1');
      return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash.toString('hex') } : null;
    },
  };
}

/** A signing key's private half as stored: locked with the master key's passphrase. */
export async function lockedSigningKey(db: Database, fingerprint: string): Promise<string> {
  const row = await db.selectFrom('portalKey').select('privateKey').where('fingerprint', '=', fingerprint).executeTakeFirstOrThrow();
  return row.privateKey;
}
