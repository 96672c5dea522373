import { type Expression, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ItemTable } from '../db/schema.ts';
import type { DeadlineSource, DueObligation } from '../notifications/reminders.ts';

/**
 * Country obligations: a space's loading deadline applies to each member country of the space — a
 * country holding a membership in it other than observer. A country has loaded when it has at least
 * one item in the space submitted (pending validation) or published; drafts are nobody's figure
 * but their author's, and never count. Figures only, never content: what the Presidency's dashboard
 * and the reminders (../notifications/reminders.ts) both read.
 */
export type ItemKind = ItemTable['kind'];
export const ITEM_KINDS = ['specimen', 'report', 'alert', 'person'] as const satisfies readonly ItemKind[];

/**
 * - `on_time`: loaded by the deadline (the day its first item was submitted or published);
 * - `loaded_late`: loaded, after the deadline;
 * - `due_soon`: not loaded, due within 14 days (today included);
 * - `late`: not loaded, the deadline passed;
 * - `open`: not loaded, due later.
 */
export type LoadingState = 'on_time' | 'loaded_late' | 'due_soon' | 'late' | 'open';
export const DUE_SOON_DAYS = 14;

export interface LoadingObligation {
  spaceId: string;
  networkId: string;
  spaceNameEs: string;
  spaceNameEn: string;
  country: string;
  opensOn: string;
  dueOn: string;
  /** Items of the country in the space, by kind: published, and submitted (pending validation). */
  published: Record<ItemKind, number>;
  pending: Record<ItemKind, number>;
  /** The day the country's first item in the space now submitted or published was put forward (null: nothing loaded). */
  firstLoadedOn: string | null;
  state: LoadingState;
}

export interface LoadingFilter {
  /** The day the states are for (YYYY-MM-DD, UTC). */
  today: string;
  networkId?: string;
  networkIds?: readonly string[];
  spaceIds?: readonly string[];
  country?: string;
  states?: readonly LoadingState[];
  /** Deadlines on or after, on or before (YYYY-MM-DD). */
  dueFrom?: string;
  dueTo?: string;
  /**
   * The items a reader may count (a policy condition on `item`): the dashboard's reader's. Absent,
   * every item counts — the reminders act for the portal, and tell a country only of its own items.
   */
  counted?: Expression<SqlBool>;
}

/** Nothing of any kind: the counts of a country that has loaded none. */
export const zeros = () => Object.fromEntries(ITEM_KINDS.map((kind) => [kind, 0])) as Record<ItemKind, number>;
const counted = (values: Record<string, number> | null): Record<ItemKind, number> => ({ ...zeros(), ...(values ?? {}) });

/**
 * The loading state of every space × member country (narrowed by the filter), in one statement:
 * the spaces (`spaces`), their member countries (`member`), their submitted and published items
 * counted by space, country and kind in one pass over the items (`loaded`), and the state from
 * those counts and the space's deadline. Ordered by deadline, space and country.
 */
export async function loadingObligations(db: Database, filter: LoadingFilter): Promise<LoadingObligation[]> {
  const today = sql`${filter.today}::date`;
  const rows = await sql<
    Omit<LoadingObligation, 'published' | 'pending'> & { published: Record<string, number> | null; pending: Record<string, number> | null }
  >`
    with spaces as (
      select s.* from space s
      where true
        ${filter.networkId ? sql`and s.network_id = ${filter.networkId}` : sql``}
        ${filter.networkIds ? sql`and s.network_id = any(${[...filter.networkIds]}::uuid[])` : sql``}
        ${filter.spaceIds ? sql`and s.id = any(${[...filter.spaceIds]}::uuid[])` : sql``}
        ${filter.dueFrom ? sql`and s.loading_deadline >= ${filter.dueFrom}::date` : sql``}
        ${filter.dueTo ? sql`and s.loading_deadline <= ${filter.dueTo}::date` : sql``}
    ), member as (
      select distinct m.space_id, m.country
      from membership m join spaces s on s.id = m.space_id
      where m.role <> 'observer' ${filter.country ? sql`and m.country = ${filter.country}` : sql``}
    ), loaded as (
      select item.space_id, item.originator_country as country, item.kind,
        (count(*) filter (where item.status = 'published'))::int as published,
        (count(*) filter (where item.status = 'submitted'))::int as pending,
        min(coalesce(item.submitted_at, item.created_at)) as first_at
      from item join spaces s on s.id = item.space_id
      where item.status in ('submitted', 'published') ${filter.counted ? sql`and ${filter.counted}` : sql``}
      group by 1, 2, 3
    )
    select * from (
      select
        s.id as space_id,
        s.network_id,
        s.name_es as space_name_es,
        s.name_en as space_name_en,
        member.country,
        to_char(s.opens_on, 'YYYY-MM-DD') as opens_on,
        to_char(s.loading_deadline, 'YYYY-MM-DD') as due_on,
        jsonb_object_agg(l.kind, l.published) filter (where l.published > 0) as published,
        jsonb_object_agg(l.kind, l.pending) filter (where l.pending > 0) as pending,
        to_char(min(l.first_at) at time zone 'UTC', 'YYYY-MM-DD') as first_loaded_on,
        case
          when count(l.kind) > 0 then
            case when (min(l.first_at) at time zone 'UTC')::date <= s.loading_deadline then 'on_time' else 'loaded_late' end
          when s.loading_deadline < ${today} then 'late'
          when s.loading_deadline <= ${today} + ${DUE_SOON_DAYS}::int then 'due_soon'
          else 'open'
        end as state
      from spaces s
      join member on member.space_id = s.id
      left join loaded l on l.space_id = s.id and l.country = member.country
      group by s.id, s.network_id, s.name_es, s.name_en, member.country, s.opens_on, s.loading_deadline
    ) o
    where true ${filter.states ? sql`and o.state = any(${[...filter.states]}::text[])` : sql``}
    order by o.due_on, o.space_id, o.country
  `.execute(db);
  return rows.rows.map((r) => ({ ...r, published: counted(r.published), pending: counted(r.pending) }));
}

/**
 * The reminders' source for loading deadlines: every space × member country not loaded whose
 * deadline falls in the window, with the country's contact points and substitutes in the space's
 * network (active accounts) and the space's name as the label.
 */
export const loadingDeadlines: DeadlineSource = {
  obligation: 'loading',
  async due(db, window) {
    const inWindow = await loadingObligations(db, { today: window.today, states: ['due_soon', 'late'], dueFrom: window.from, dueTo: window.to });
    if (inWindow.length === 0) return [];
    const validators = await db
      .selectFrom('membership as m')
      .innerJoin('appUser as u', 'u.id', 'm.userId')
      .select(['m.networkId', 'm.country', 'm.userId'])
      .distinct()
      .where('m.role', 'in', ['contact_point', 'substitute'])
      .where('u.status', '=', 'active')
      .where(
        'm.networkId',
        'in',
        inWindow.map((o) => o.networkId),
      )
      .orderBy('m.userId')
      .execute();
    return inWindow.map((o): DueObligation => {
      return {
        obligation: 'loading',
        subjectId: o.spaceId,
        spaceId: o.spaceId,
        country: o.country,
        dueOn: o.dueOn,
        label: { es: o.spaceNameEs, en: o.spaceNameEn },
        recipients: validators.filter((v) => v.networkId === o.networkId && v.country === o.country).map((v) => v.userId),
      };
    });
  },
};
