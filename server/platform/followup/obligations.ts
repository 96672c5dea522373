import { sql } from 'kysely';
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
 * - `on_time`: loaded (whatever the date: a country late that loads turns on time);
 * - `due_soon`: not loaded, due within 14 days (today included);
 * - `late`: not loaded, the deadline passed;
 * - `open`: not loaded, due later.
 */
export type LoadingState = 'on_time' | 'due_soon' | 'late' | 'open';
export const DUE_SOON_DAYS = 14;

export interface LoadingObligation {
  spaceId: string;
  networkId: string;
  country: string;
  opensOn: string;
  dueOn: string;
  /** Items of the country in the space, by kind: published, and submitted (pending validation). */
  published: Record<ItemKind, number>;
  pending: Record<ItemKind, number>;
  state: LoadingState;
}

export interface LoadingFilter {
  /** The day the states are for (YYYY-MM-DD, UTC). */
  today: string;
  networkId?: string;
  spaceIds?: readonly string[];
  country?: string;
  states?: readonly LoadingState[];
  /** Deadlines on or after, on or before (YYYY-MM-DD). */
  dueFrom?: string;
  dueTo?: string;
}

const zeros = () => Object.fromEntries(ITEM_KINDS.map((kind) => [kind, 0])) as Record<ItemKind, number>;
const counted = (values: Record<string, number> | null): Record<ItemKind, number> => ({ ...zeros(), ...(values ?? {}) });

/**
 * The loading state of every space × member country (narrowed by the filter), in one statement:
 * the member countries of each space (`member`), their submitted and published items counted by
 * kind (`counts`, a lateral join over the item index by space), and the state from those counts
 * and the space's deadline. Ordered by deadline, space and country.
 */
export async function loadingObligations(db: Database, filter: LoadingFilter): Promise<LoadingObligation[]> {
  const today = sql`${filter.today}::date`;
  const rows = await sql<{
    spaceId: string;
    networkId: string;
    country: string;
    opensOn: string;
    dueOn: string;
    published: Record<string, number> | null;
    pending: Record<string, number> | null;
    state: LoadingState;
  }>`
    with member as (
      select distinct m.space_id, m.country
      from membership m
      where m.role <> 'observer'
    )
    select * from (
      select
        s.id as space_id,
        s.network_id,
        member.country,
        to_char(s.opens_on, 'YYYY-MM-DD') as opens_on,
        to_char(s.loading_deadline, 'YYYY-MM-DD') as due_on,
        counts.published,
        counts.pending,
        case
          when coalesce(counts.loaded, 0) > 0 then 'on_time'
          when s.loading_deadline < ${today} then 'late'
          when s.loading_deadline <= ${today} + ${DUE_SOON_DAYS}::int then 'due_soon'
          else 'open'
        end as state
      from space s
      join member on member.space_id = s.id
      left join lateral (
        select
          jsonb_object_agg(k.kind, k.published) filter (where k.published > 0) as published,
          jsonb_object_agg(k.kind, k.pending) filter (where k.pending > 0) as pending,
          sum(k.published + k.pending) as loaded
        from (
          select i.kind,
            count(*) filter (where i.status = 'published')::int as published,
            count(*) filter (where i.status = 'submitted')::int as pending
          from item i
          where i.space_id = s.id and i.originator_country = member.country and i.status in ('submitted', 'published')
          group by i.kind
        ) k
      ) counts on true
      where true
        ${filter.networkId ? sql`and s.network_id = ${filter.networkId}` : sql``}
        ${filter.spaceIds ? sql`and s.id = any(${[...filter.spaceIds]}::uuid[])` : sql``}
        ${filter.country ? sql`and member.country = ${filter.country}` : sql``}
        ${filter.dueFrom ? sql`and s.loading_deadline >= ${filter.dueFrom}::date` : sql``}
        ${filter.dueTo ? sql`and s.loading_deadline <= ${filter.dueTo}::date` : sql``}
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
    const spaces = await db
      .selectFrom('space')
      .select(['id', 'nameEs', 'nameEn', 'networkId'])
      .where(
        'id',
        'in',
        inWindow.map((o) => o.spaceId),
      )
      .execute();
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
        spaces.map((s) => s.networkId),
      )
      .orderBy('m.userId')
      .execute();
    const byId = new Map(spaces.map((s) => [s.id, s]));
    return inWindow.map((o): DueObligation => {
      const space = byId.get(o.spaceId)!;
      return {
        obligation: 'loading',
        subjectId: o.spaceId,
        spaceId: o.spaceId,
        country: o.country,
        dueOn: o.dueOn,
        label: { es: space.nameEs, en: space.nameEn },
        recipients: validators.filter((v) => v.networkId === o.networkId && v.country === o.country).map((v) => v.userId),
      };
    });
  },
};
