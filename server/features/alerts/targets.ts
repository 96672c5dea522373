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
 * An urgent operational message (`audience` 'contact_points') is for the contact points and
 * substitutes of the alert's space only — of its target countries, or of every country when it
 * names none — counted as targeted by country.
 *
 * Anyone else in the space who may read the alert under its label still finds and opens it (search,
 * its page) but is not notified: no inbox entry, mail, live notice or reminder. Webhooks go to the
 * target organisations' systems only.
 */
export interface TargetRefs {
  /** The user's id, country and organisation columns, e.g. `u.id`, `u.country`, `u.organisation_id`. */
  user: string;
  country: string;
  organisation: string;
  /** The alert row's alias (its `target_countries` and `target_organisations`). */
  alert: string;
}

/** `organisation`, `country`, `space` (an alert without targets) or `none`: how the user is targeted. */
export function targetKind(refs: TargetRefs): RawBuilder<'organisation' | 'country' | 'space' | 'none'> {
  const countries = sql.ref(`${refs.alert}.target_countries`);
  const organisations = sql.ref(`${refs.alert}.target_organisations`);
  // An operational message: the contact points and substitutes in its space, of the countries it names (none: all).
  const contactPoint = sql`exists (select 1 from membership m where m.user_id = ${sql.ref(refs.user)}
    and m.space_id = ${sql.ref(`${refs.alert}.space_id`)} and m.role in ('contact_point', 'substitute'))`;
  return sql`(case
    when ${sql.ref(`${refs.alert}.audience`)} = 'contact_points' then
      case when ${contactPoint} and (cardinality(${countries}) = 0 or ${sql.ref(refs.country)} = any(${countries})) then 'country' else 'none' end
    when ${sql.ref(refs.organisation)} = any(${organisations}) then 'organisation'
    when ${sql.ref(refs.country)} = any(${countries}) then 'country'
    when cardinality(${countries}) = 0 and cardinality(${organisations}) = 0 then 'space'
    else 'none' end)`;
}

/** Whether the user is among the alert's targets (any kind but `none`). */
export function targeted(refs: TargetRefs): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${targetKind(refs)} <> 'none')`;
}
