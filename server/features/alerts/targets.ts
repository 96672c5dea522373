import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * Who an alert is *for* — the one definition the fan-out (inbox, mail, live notice), the sweep
 * (reminders, escalation) and the delivery board share, as SQL over a user row and an alert row:
 *
 * - a user whose organisation is one of the alert's target organisations (a migration authority's
 *   alert desk, or a member of the space working for it);
 * - a user of one of the alert's target countries (the fan-out takes them among the space's members);
 * - when the alert names no target at all, everyone: the whole space, as before targeting. The API
 *   refuses such an alert (`targets_required`), so this is only the safe reading of a row that has none.
 *
 * Anyone else in the space who may read the alert under its label still finds and opens it (search,
 * its page) but is not notified: no inbox entry, mail, live notice or reminder. Webhooks go to the
 * target organisations' systems only.
 */
export interface TargetRefs {
  /** The user's country and organisation columns, e.g. `u.country`, `u.organisation_id`. */
  country: string;
  organisation: string;
  /** The alert row's alias (its `target_countries` and `target_organisations`). */
  alert: string;
}

/** `organisation`, `country`, `space` (an alert without targets) or `none`: how the user is targeted. */
export function targetKind(refs: TargetRefs): RawBuilder<'organisation' | 'country' | 'space' | 'none'> {
  const countries = sql.ref(`${refs.alert}.target_countries`);
  const organisations = sql.ref(`${refs.alert}.target_organisations`);
  return sql`(case
    when ${sql.ref(refs.organisation)} = any(${organisations}) then 'organisation'
    when ${sql.ref(refs.country)} = any(${countries}) then 'country'
    when cardinality(${countries}) = 0 and cardinality(${organisations}) = 0 then 'space'
    else 'none' end)`;
}

/** Whether the user is among the alert's targets (any kind but `none`). */
export function targeted(refs: TargetRefs): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${targetKind(refs)} <> 'none')`;
}
