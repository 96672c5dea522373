import { sql } from 'kysely';
import * as openpgp from 'openpgp';
import { KEYS_DESTROYED } from '../../platform/crypto/sealer.ts';
import { createSpaceKey, spacePassphrase } from '../../platform/crypto/space-keys.ts';
import type { Database } from '../../platform/db/database.ts';
import { notify } from '../../platform/events/bus.ts';
import type { Services } from '../../services.ts';

/** An operator's mistake on the command line (exit code 64). */
export class KeyUsageError extends Error {
  override name = 'KeyUsageError';
}

/** What the key operations use of the portal's services (server/services.ts). */
export type KeyServices = Pick<Services, 'db' | 'keyring' | 'sealer' | 'blobs' | 'files'>;

async function requireSpace(db: Database, spaceId: string | undefined): Promise<string> {
  if (!spaceId || !/^[0-9a-f-]{36}$/i.test(spaceId)) throw new KeyUsageError('--space: the id of a space (a UUID) is required');
  const space = await db.selectFrom('space').select('id').where('id', '=', spaceId).executeTakeFirst();
  if (!space) throw new KeyUsageError(`no space with the id ${spaceId}`);
  return space.id;
}

const BATCH = 200;

/**
 * Rotation: a new key pair and data key for the space; every record's and file's session key is
 * re-addressed to the new key (a new session-key packet; the encrypted data is kept byte for byte)
 * and re-wrapped under the new data key; then the retired versions nothing refers to any more are
 * destroyed. Safe to run while the portal serves: writes made with the old key during the run are
 * picked up by the sweep at the end, or keep their version alive (run it again).
 */
export async function rotateSpaceKey(services: KeyServices, spaceIdArg: string | undefined, now: Date) {
  const { db, keyring, sealer, blobs } = services;
  const spaceId = await requireSpace(db, spaceIdArg);
  const created = await db.transaction().execute((trx) => createSpaceKey(trx, keyring, spaceId, now));
  const { version, publicKey } = await sealer.currentKey(spaceId);

  let records = 0;
  for (;;) {
    const rows = await db
      .selectFrom('sealed')
      .select(['id', 'keyVersion', 'message', 'wrappedKey'])
      .where('spaceId', '=', spaceId)
      .where('keyVersion', '<', version)
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const sessionKey = await sealer.unwrap(spaceId, row.keyVersion, row.wrappedKey);
      const message = await sealer.readdress(row.message, sessionKey, publicKey);
      const wrappedKey = await sealer.rewrap(spaceId, version, sessionKey);
      await db
        .updateTable('sealed')
        .set({ keyVersion: version, message: Buffer.from(message), wrappedKey })
        .where('id', '=', row.id)
        .where('keyVersion', '=', row.keyVersion)
        .execute();
      records += 1;
    }
  }

  let files = 0;
  for (;;) {
    const rows = await db
      .selectFrom('storedFile')
      .select(['id', 'keyVersion', 'wrappedKey'])
      .where('spaceId', '=', spaceId)
      .where('keyVersion', '<', version)
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const file of rows) {
      const sessionKey = await sealer.unwrap(spaceId, file.keyVersion, file.wrappedKey);
      const chunks = await db.selectFrom('fileChunk').select(['index', 'blobKey']).where('fileId', '=', file.id).orderBy('index').execute();
      const written: string[] = [];
      try {
        for (const chunk of chunks) written.push(await blobs.put(await sealer.readdress(await blobs.get(chunk.blobKey), sessionKey, publicKey)));
        const wrappedKey = await sealer.rewrap(spaceId, version, sessionKey);
        await db.transaction().execute(async (trx) => {
          for (const [i, chunk] of chunks.entries()) {
            await trx.updateTable('fileChunk').set({ blobKey: written[i]! }).where('fileId', '=', file.id).where('index', '=', chunk.index).execute();
          }
          await trx.updateTable('storedFile').set({ keyVersion: version, wrappedKey }).where('id', '=', file.id).execute();
        });
      } catch (err) {
        await services.files.removeBlobs(written);
        throw err;
      }
      await services.files.removeBlobs(chunks.map((c) => c.blobKey));
      files += 1;
    }
  }

  const destroyed = await destroyRetiredKeys(db, spaceId, now);
  return { spaceId, version, fingerprint: created.fingerprint, records, files, destroyedVersions: destroyed };
}

/**
 * Destroys the space's retired versions that nothing is sealed to. New rows are held back while it
 * decides (SHARE lock on the sealed tables); a writer that waited sees the destruction and is
 * refused by the database (trigger `sealed_key_alive`), so nothing is ever sealed to a lost key.
 * Every serving instance hears of it when it commits and drops the keys it had cached.
 */
async function destroyRetiredKeys(db: Database, spaceId: string, now: Date): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    await sql`lock table sealed, stored_file in share mode`.execute(trx);
    const rows = await trx
      .updateTable('spaceKey')
      .set({ privateKey: null, dataKey: null, destroyedAt: now })
      .where('spaceId', '=', spaceId)
      .where('retiredAt', 'is not', null)
      .where('destroyedAt', 'is', null)
      .where((eb) =>
        eb.and([
          eb.not(
            eb.exists(
              eb
                .selectFrom('sealed')
                .select('sealed.id')
                .where('sealed.spaceId', '=', spaceId)
                .whereRef('sealed.keyVersion', '=', 'spaceKey.version'),
            ),
          ),
          eb.not(
            eb.exists(
              eb
                .selectFrom('storedFile')
                .select('storedFile.id')
                .where('storedFile.spaceId', '=', spaceId)
                .whereRef('storedFile.keyVersion', '=', 'spaceKey.version'),
            ),
          ),
        ]),
      )
      .returning('version')
      .execute();
    if (rows.length > 0) await notify(trx, { type: KEYS_DESTROYED, spaceId });
    return rows.map((r) => r.version).sort((a, b) => a - b);
  });
}

/**
 * Escrow: the space's usable private keys, unlocked, in one OpenPGP message encrypted to the
 * custodians' public keys (armored). A custodian decrypts it with GnuPG and can then read
 * everything the space sealed, without the portal or its master key.
 */
export async function exportSpaceKey(services: KeyServices, spaceIdArg: string | undefined, custodianArmored: string) {
  const { db, keyring } = services;
  const spaceId = await requireSpace(db, spaceIdArg);
  let custodians: openpgp.PublicKey[];
  try {
    custodians = await openpgp.readKeys({ armoredKeys: custodianArmored });
  } catch {
    throw new KeyUsageError('--to: the file does not hold an armored OpenPGP public key');
  }
  for (const custodian of custodians) {
    if (custodian.isPrivate()) throw new KeyUsageError('--to: give the custodian’s public key, not a private key');
    if (!(await custodian.getEncryptionKey().catch(() => null))) throw new KeyUsageError(`--to: key ${custodian.getFingerprint()} cannot encrypt`);
  }
  const rows = await db
    .selectFrom('spaceKey')
    .select(['version', 'fingerprint', 'privateKey'])
    .where('spaceId', '=', spaceId)
    .where('privateKey', 'is not', null)
    .orderBy('version')
    .execute();
  if (rows.length === 0) throw new KeyUsageError(`space ${spaceId} has no key left to export (its keys were destroyed)`);
  const unlocked: string[] = [];
  for (const row of rows) {
    const key = await openpgp.decryptKey({
      privateKey: await openpgp.readPrivateKey({ armoredKey: row.privateKey as string }),
      passphrase: spacePassphrase(keyring, spaceId),
    });
    unlocked.push(key.armor());
  }
  const message = await openpgp.createMessage({ text: `${unlocked.join('\n')}\n` });
  const armored = await openpgp.encrypt({ message, encryptionKeys: custodians, format: 'armored' });
  return {
    armored,
    versions: rows.map((r) => ({ version: r.version, fingerprint: r.fingerprint })),
    custodians: custodians.map((c) => c.getFingerprint().toUpperCase()),
  };
}

/**
 * Crypto-shredding of one item: its sealed records and files (rows and blobs) are destroyed and the
 * item is marked shredded; its metadata stays for the record and the audit trail.
 */
export async function shredItem(services: KeyServices, itemId: string | undefined, now: Date) {
  const { db, files } = services;
  if (!itemId || !/^[0-9a-f-]{36}$/i.test(itemId)) throw new KeyUsageError('--item: the id of an item (a UUID) is required');
  const result = await db.transaction().execute(async (trx) => {
    const item = await trx.updateTable('item').set({ shreddedAt: now }).where('id', '=', itemId).returning('id').executeTakeFirst();
    if (!item) throw new KeyUsageError(`no item with the id ${itemId}`);
    const fileIds = (await trx.selectFrom('storedFile').select('id').where('itemId', '=', itemId).where('variant', '=', 'original').execute()).map(
      (r) => r.id,
    );
    const blobKeys = await files.deleteRows(trx, fileIds);
    const records = await trx.deleteFrom('sealed').where('itemId', '=', itemId).executeTakeFirst();
    return { blobKeys, files: fileIds.length, records: Number(records.numDeletedRows) };
  });
  await files.removeBlobs(result.blobKeys);
  return { itemId, files: result.files, records: result.records, blobs: result.blobKeys.length };
}

/**
 * Crypto-shredding of a space: every key version is destroyed (private key and data key), so
 * whatever copy of its ciphertext survives — a backup, a stray blob — can no longer be opened by
 * the portal; the sealed rows and blobs are deleted too, and every item is marked shredded. Only
 * escrowed exports held by custodians still open old copies: that is what escrow is for.
 */
export async function shredSpace(services: KeyServices, spaceIdArg: string | undefined, now: Date) {
  const { db, files, sealer } = services;
  const spaceId = await requireSpace(db, spaceIdArg);
  const result = await db.transaction().execute(async (trx) => {
    await sql`lock table sealed, stored_file in share mode`.execute(trx);
    const versions = await trx
      .updateTable('spaceKey')
      .set((eb) => ({ privateKey: null, dataKey: null, destroyedAt: now, retiredAt: eb.fn.coalesce('retiredAt', eb.val(now)) }))
      .where('spaceId', '=', spaceId)
      .where('destroyedAt', 'is', null)
      .returning('version')
      .execute();
    if (versions.length > 0) await notify(trx, { type: KEYS_DESTROYED, spaceId });
    const fileIds = (await trx.selectFrom('storedFile').select('id').where('spaceId', '=', spaceId).where('variant', '=', 'original').execute()).map(
      (r) => r.id,
    );
    const blobKeys = await files.deleteRows(trx, fileIds);
    const records = await trx.deleteFrom('sealed').where('spaceId', '=', spaceId).executeTakeFirst();
    const items = await trx
      .updateTable('item')
      .set({ shreddedAt: now })
      .where('spaceId', '=', spaceId)
      .where('shreddedAt', 'is', null)
      .executeTakeFirst();
    return {
      versions: versions.map((v) => v.version),
      blobKeys,
      files: fileIds.length,
      records: Number(records.numDeletedRows),
      items: Number(items.numUpdatedRows),
    };
  });
  sealer.forget();
  await files.removeBlobs(result.blobKeys);
  return {
    spaceId,
    destroyedVersions: result.versions.sort((a, b) => a - b),
    items: result.items,
    files: result.files,
    records: result.records,
    blobs: result.blobKeys.length,
  };
}
