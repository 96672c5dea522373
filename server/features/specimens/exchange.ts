import type { Static } from 'typebox';
import type { Actor } from '../../../policies/ability.ts';
import { insertSealed, openRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Database } from '../../platform/db/database.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanText, lineOrNull, textOrNull } from '../../platform/http/text.ts';
import type { Item } from '../../platform/items/base.ts';
import type { CorrectionCreate, CorrectionView, SightingCreate, SightingView, SpecimenChanges } from './schemas.ts';
import { applyChanges, checkContent, openContent, replaceContent, type SpecimenDeps } from './service.ts';

/**
 * What other members add to a published specimen: sightings ("detected here too", "false
 * positive") and proposed corrections, which the originator accepts (applied to the specimen) or
 * rejects. Places, notes, changes and comments are sealed like the specimen's own content.
 */
interface SightingDetails {
  place: string | null;
  note: string | null;
}

export async function reportSighting(
  deps: SpecimenDeps,
  trx: Database,
  item: Item,
  actor: Actor,
  body: Static<typeof SightingCreate>,
  now: Date,
): Promise<Static<typeof SightingView>> {
  if (body.seenOn > now.toISOString().slice(0, 10)) throw new ApiError(400, 'sighting_in_future', {}, 'body.seenOn');
  const details: SightingDetails = { place: lineOrNull(body.place), note: textOrNull(body.note) };
  const detailsId = await insertSealed(trx, deps.sealer, { spaceId: item.spaceId, itemId: item.id, now }, details);
  const row = await trx
    .insertInto('sighting')
    .values({
      itemId: item.id,
      kind: body.kind,
      seenOn: body.seenOn,
      country: body.country,
      detailsId,
      reportedBy: actor.id,
      reporterCountry: actor.country,
      createdAt: now,
    })
    .returning(['id', 'kind', 'seenOn', 'country', 'reporterCountry', 'createdAt'])
    .executeTakeFirstOrThrow();
  return { ...row, ...details, mine: true, createdAt: new Date(row.createdAt).toISOString() };
}

export async function listSightings(deps: SpecimenDeps, item: Item, actorId: string): Promise<Static<typeof SightingView>[]> {
  const rows = await deps.db
    .selectFrom('sighting as g')
    .select([
      'g.id',
      'g.kind',
      'g.seenOn',
      'g.country',
      'g.reporterCountry',
      'g.reportedBy',
      'g.createdAt',
      sealedRecord('g.detailsId').as('details'),
    ])
    .where('g.itemId', '=', item.id)
    .orderBy('g.seenOn', 'desc')
    .orderBy('g.createdAt', 'desc')
    .execute();
  return Promise.all(
    rows.map(async (row) => {
      const details = await openRecord<SightingDetails>(deps.sealer, item.spaceId, row.details);
      return {
        id: row.id,
        kind: row.kind,
        seenOn: row.seenOn,
        country: row.country,
        place: details.place,
        note: details.note,
        reporterCountry: row.reporterCountry,
        mine: row.reportedBy === actorId,
        createdAt: new Date(row.createdAt).toISOString(),
      };
    }),
  );
}

interface Proposal {
  changes: SpecimenChanges;
  comment: string;
}

/** A proposal must change something, and the specimen it would make must be valid. */
export async function proposeCorrection(
  deps: SpecimenDeps,
  trx: Database,
  item: Item,
  actor: Actor,
  body: Static<typeof CorrectionCreate>,
  now: Date,
): Promise<Static<typeof CorrectionView>> {
  const current = await openContent(deps, item);
  const corrected = applyChanges(current, body.changes);
  if (JSON.stringify(corrected) === JSON.stringify(current)) throw new ApiError(400, 'correction_unchanged', {}, 'body.changes');
  checkContent(corrected, now);
  const proposal: Proposal = { changes: body.changes, comment: cleanText(body.comment) };
  const proposalId = await insertSealed(trx, deps.sealer, { spaceId: item.spaceId, itemId: item.id, now }, proposal);
  const row = await trx
    .insertInto('correction')
    .values({ itemId: item.id, proposalId, proposedBy: actor.id, proposerCountry: actor.country, createdAt: now })
    .returning(['id', 'status', 'proposerCountry', 'createdAt'])
    .executeTakeFirstOrThrow();
  return {
    ...row,
    ...proposal,
    changes: proposal.changes as Record<string, unknown>,
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

async function correctionView(deps: SpecimenDeps, item: Item, row: CorrectionRow, actorId: string): Promise<Static<typeof CorrectionView>> {
  const proposal = await openRecord<Proposal>(deps.sealer, item.spaceId, row.proposal);
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

export async function listCorrections(deps: SpecimenDeps, item: Item, actorId: string) {
  const rows = await correctionRows(deps.db, item.id).execute();
  return Promise.all(rows.map((row) => correctionView(deps, item, row, actorId)));
}

/**
 * The originator's decision. Accepting applies the proposed changes to the specimen as it is now
 * (sealed again, indexes recomputed) in the same transaction that marks the decision; a decision
 * taken twice, or racing another, is refused (409).
 */
export async function decideCorrection(
  deps: SpecimenDeps,
  trx: Database,
  item: Item,
  actorId: string,
  correctionId: string,
  decision: 'accept' | 'reject',
  now: Date,
) {
  const row = await correctionRows(trx, item.id).where('c.id', '=', correctionId).forUpdate().executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  if (row.status !== 'proposed') throw new ApiError(409, 'correction_decided');
  if (decision === 'accept') {
    const proposal = await openRecord<Proposal>(deps.sealer, item.spaceId, row.proposal, trx);
    const corrected = applyChanges(await openContent(deps, item, trx), proposal.changes);
    checkContent(corrected, now);
    await replaceContent(deps, trx, item, corrected, now);
  }
  await trx
    .updateTable('correction')
    .set({ status: decision === 'accept' ? 'accepted' : 'rejected', decidedBy: actorId, decidedAt: now })
    .where('id', '=', correctionId)
    .execute();
  return correctionView(deps, item, { ...row, status: decision === 'accept' ? 'accepted' : 'rejected', decidedAt: now }, actorId);
}
