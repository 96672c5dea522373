import type { Static } from 'typebox';
import type { Actor } from '../../../policies/ability.ts';
import { insertSealed, openRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Database } from '../../platform/db/database.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { lineOrNull, textOrNull } from '../../platform/http/text.ts';
import type { Item } from '../../platform/items/base.ts';
import {
  type CorrectionKind,
  decideCorrection as decideItemCorrection,
  listCorrections as listItemCorrections,
  proposeCorrection as proposeItemCorrection,
} from '../../platform/items/corrections.ts';
import { noticeItem } from '../../platform/notifications/item-notices.ts';
import type { CorrectionCreate, SightingCreate, SightingView, SpecimenChanges } from './schemas.ts';
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
  await noticeItem(trx, { kind: 'sighting', item, actorId: actor.id, to: [item.originatorId], subjectId: row.id }, now);
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

/** What a correction of a specimen is: some of its fields, applied over the specimen as it is. */
export const specimenCorrections = (deps: SpecimenDeps): CorrectionKind<SpecimenChanges> => ({
  async revise(trx, item, changes, now) {
    const current = await openContent(deps, item, trx);
    const corrected = applyChanges(current, changes);
    if (JSON.stringify(corrected) === JSON.stringify(current)) return null;
    checkContent(corrected, now);
    return corrected;
  },
  async apply(trx, item, changes, now) {
    const corrected = applyChanges(await openContent(deps, item, trx), changes);
    checkContent(corrected, now);
    await replaceContent(deps, trx, item, corrected, now);
  },
});

export const proposeCorrection = (deps: SpecimenDeps, trx: Database, item: Item, actor: Actor, body: Static<typeof CorrectionCreate>, now: Date) =>
  proposeItemCorrection(deps.sealer, specimenCorrections(deps), trx, item, actor, body, now);

export const listCorrections = (deps: SpecimenDeps, item: Item, actorId: string) => listItemCorrections(deps.db, deps.sealer, item, actorId);

export const decideCorrection = (
  deps: SpecimenDeps,
  trx: Database,
  item: Item,
  actorId: string,
  correctionId: string,
  decision: 'accept' | 'reject',
  now: Date,
) => decideItemCorrection(deps.sealer, specimenCorrections(deps), trx, item, actorId, correctionId, decision, now);
