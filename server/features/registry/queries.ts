import type { Database } from '../../platform/db/database.ts';
import { cleanLine } from '../../platform/http/text.ts';

/**
 * What the Secretariat registers: networks, and the webhooks of organisations' national systems
 * (which the alerts feature delivers to).
 */
const NETWORK = ['id', 'code', 'nameEs', 'nameEn'] as const;

export const listNetworks = (db: Database) => db.selectFrom('network').select(NETWORK).orderBy('code').execute();

export const insertNetwork = (trx: Database, body: { code: string; nameEs: string; nameEn: string }) =>
  trx
    .insertInto('network')
    .values({ code: body.code, nameEs: cleanLine(body.nameEs), nameEn: cleanLine(body.nameEn) })
    .returning(NETWORK)
    .executeTakeFirstOrThrow();

export const organisationExists = async (db: Database, id: string) =>
  Boolean(await db.selectFrom('organisation').select('id').where('id', '=', id).executeTakeFirst());

export const listWebhooks = (db: Database, organisationId: string) =>
  db.selectFrom('webhook').selectAll().where('organisationId', '=', organisationId).orderBy('createdAt').execute();

export const insertWebhook = (trx: Database, values: { organisationId: string; url: string; createdBy: string; createdAt: Date }) =>
  trx.insertInto('webhook').values(values).returningAll().executeTakeFirstOrThrow();

/** Stops deliveries to a webhook (the first stop's time is kept); undefined when there is no such webhook. */
export const stopWebhook = (trx: Database, id: string, now: Date) =>
  trx
    .updateTable('webhook')
    .set((eb) => ({ disabledAt: eb.fn.coalesce('disabledAt', eb.val(now)) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
