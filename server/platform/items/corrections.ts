import { type Static, Type } from 'typebox';
import type { Actor } from '../../../policies/ability.ts';
import { insertSealed, openRecord, sealedRecord } from '../crypto/sealed-records.ts';
import type { Sealer } from '../crypto/sealer.ts';
import type { Database } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { Nullable } from '../http/nullable.ts';
import { cleanText } from '../http/text.ts';
import { noticeItem } from '../notifications/item-notices.ts';
import type { Item } from './base.ts';

/**
 * Corrections of a published item, whatever its kind: another member proposes changes with a
 * comment (sealed like the item's content), the originator accepts — the changes applied to the
 * item as it is then, by the kind — or rejects. The kind says what a change may be and how it is
 * applied (`CorrectionKind`); the rows, the sealing and the decision's rules are here once, with
 * the notices they raise (a proposal to the originator, a decision to the proposer).
 */
export interface CorrectionKind<C> {
  /** What the item would become with these changes: throws a 400 when that is not valid, `null` when nothing would change. */
  revise(trx: Database, item: Item, changes: C, now: Date): Promise<unknown | null>;
  /** Applies the changes to the item as it is now (sealed again, indexes recomputed), in the decision's transaction. */
  apply(trx: Database, item: Item, changes: C, now: Date): Promise<void>;
}

interface Proposal<C> {
  changes: C;
  comment: string;
}

/** A correction as its readers see it (the changes and comment opened; who proposed it only as a country and `mine`). */
export const CorrectionView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    status: Type.Enum(['proposed', 'accepted', 'rejected']),
    changes: Type.Record(Type.String(), Type.Unknown()),
    comment: Type.String(),
    proposerCountry: Type.String(),
    mine: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    decidedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type CorrectionView = Static<typeof CorrectionView>;

/** The route parameters of a decision on one correction. */
export const CorrectionParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), correctionId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

/** A proposal must change something, and what it would make must be valid. */
export async function proposeCorrection<C>(
  sealer: Sealer,
  kind: CorrectionKind<C>,
  trx: Database,
  item: Item,
  actor: Actor,
  body: Proposal<C>,
  now: Date,
): Promise<CorrectionView> {
  if ((await kind.revise(trx, item, body.changes, now)) === null) throw new ApiError(400, 'correction_unchanged', {}, 'body.changes');
  const proposal: Proposal<C> = { changes: body.changes, comment: cleanText(body.comment) };
  const proposalId = await insertSealed(trx, sealer, { spaceId: item.spaceId, itemId: item.id, now }, proposal);
  const row = await trx
    .insertInto('correction')
    .values({ itemId: item.id, proposalId, proposedBy: actor.id, proposerCountry: actor.country, createdAt: now })
    .returning(['id', 'status', 'proposerCountry', 'createdAt'])
    .executeTakeFirstOrThrow();
  await noticeItem(trx, { kind: 'correction_proposed', item, actorId: actor.id, to: [item.originatorId], subjectId: row.id }, now);
  return {
    ...row,
    changes: proposal.changes as Record<string, unknown>,
    comment: proposal.comment,
    mine: true,
    createdAt: new Date(row.createdAt).toISOString(),
    decidedAt: null,
  };
}

const correctionRows = (db: Database, itemId: string) =>
  db
    .selectFrom('correction as c')
    .select(['c.id', 'c.status', 'c.proposerCountry', 'c.proposedBy', 'c.createdAt', 'c.decidedAt', sealedRecord('c.proposalId').as('proposal')])
    .where('c.itemId', '=', itemId)
    .orderBy('c.createdAt', 'desc');

type CorrectionRow = Awaited<ReturnType<ReturnType<typeof correctionRows>['execute']>>[number];

async function correctionView(sealer: Sealer, item: Item, row: CorrectionRow, actorId: string): Promise<CorrectionView> {
  const proposal = await openRecord<Proposal<unknown>>(sealer, item.spaceId, row.proposal);
  return {
    id: row.id,
    status: row.status,
    changes: proposal.changes as Record<string, unknown>,
    comment: proposal.comment,
    proposerCountry: row.proposerCountry,
    mine: row.proposedBy === actorId,
    createdAt: new Date(row.createdAt).toISOString(),
    decidedAt: row.decidedAt ? new Date(row.decidedAt).toISOString() : null,
  };
}

/** The corrections of an item, newest first (for a reader of its content). */
export async function listCorrections(db: Database, sealer: Sealer, item: Item, actorId: string): Promise<CorrectionView[]> {
  const rows = await correctionRows(db, item.id).execute();
  return Promise.all(rows.map((row) => correctionView(sealer, item, row, actorId)));
}

/**
 * The originator's decision. Accepting applies the proposed changes to the item as it is now in the
 * same transaction that marks the decision; a decision taken twice, or racing another, is refused (409).
 */
export async function decideCorrection<C>(
  sealer: Sealer,
  kind: CorrectionKind<C>,
  trx: Database,
  item: Item,
  actorId: string,
  correctionId: string,
  decision: 'accept' | 'reject',
  now: Date,
): Promise<CorrectionView> {
  const row = await correctionRows(trx, item.id).where('c.id', '=', correctionId).forUpdate().executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  if (row.status !== 'proposed') throw new ApiError(409, 'correction_decided');
  if (decision === 'accept') {
    const proposal = await openRecord<Proposal<C>>(sealer, item.spaceId, row.proposal, trx);
    await kind.apply(trx, item, proposal.changes, now);
  }
  const status = decision === 'accept' ? 'accepted' : 'rejected';
  await trx.updateTable('correction').set({ status, decidedBy: actorId, decidedAt: now }).where('id', '=', correctionId).execute();
  await noticeItem(trx, { kind: 'correction_decided', item, actorId, to: [item.originatorId, row.proposedBy], subjectId: correctionId }, now);
  return correctionView(sealer, item, { ...row, status, decidedAt: now }, actorId);
}
