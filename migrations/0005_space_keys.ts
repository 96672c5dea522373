import { type Kysely, sql } from 'kysely';

/**
 * One OpenPGP key pair per space (v4, curve25519 "legacy" ECC, so GnuPG 2.2 reads what it
 * protects). The private key is stored armored and passphrase-protected; the passphrase is
 * derived from the master key and never stored. Versions allow rotation: the newest unretired
 * key encrypts, every version still decrypts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table space_key (
      space_id uuid not null references space (id) on delete cascade,
      version integer not null check (version >= 1),
      fingerprint text not null unique check (fingerprint ~ '^[0-9A-F]{40}$'),
      public_key text not null,
      private_key text not null,
      created_at timestamptz not null,
      retired_at timestamptz,
      primary key (space_id, version)
    )`.execute(db);
}
