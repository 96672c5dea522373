import { type Expression, type SqlBool, sql } from 'kysely';
import type { Ability } from '../../../policies/ability.ts';
import { COMMITMENT_SQL_FIELDS } from '../../../policies/commitments.ts';
import { ITEM_SQL_FIELDS } from '../../../policies/items.ts';
import { MEETING_SQL_FIELDS } from '../../../policies/meetings.ts';
import { RETURN_SQL_FIELDS, RETURN_TEMPLATE_SQL_FIELDS } from '../../../policies/returns.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import { isoDay } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { DUE_SOON_DAYS, type ItemKind, loadingObligations, zeros } from '../../platform/followup/obligations.ts';
import { periodsEnding } from '../../platform/followup/periods.ts';
import { ApiError } from '../../platform/http/errors.ts';
import type { Dashboard, Loading, LoadingState } from './schemas.ts';

/**
 * The follow-up figures (the Presidency's and the Secretariat's dashboard): aggregates computed by
 * PostgreSQL over clear columns only (kind, space, originating country, status, dates), under the
 * policy's `count` rule in SQL — which counts submitted and published items, never a draft.
 * Nothing sealed is read; no item is listed.
 */

/** A period's first day and the day after its last, from its label; the current semester by default. */
export function periodOf(label: string | undefined, now: Date): { label: string; from: string; to: string } {
  const chosen = label ?? `${now.getUTCFullYear()}-S${now.getUTCMonth() < 6 ? 1 : 2}`;
  const year = Number(chosen.slice(0, 4));
  const part = chosen.slice(5);
  const [first, months] = part.startsWith('S') ? [(Number(part[1]) - 1) * 6, 6] : part.startsWith('Q') ? [(Number(part[1]) - 1) * 3, 3] : [0, 12];
  const from = new Date(Date.UTC(year, first, 1));
  const to = new Date(Date.UTC(year, first + months, 1));
  return { label: chosen, from: isoDay(from), to: isoDay(new Date(to.getTime() - 86_400_000)) };
}

/** A loading obligation's state on `today` (see schemas.ts LoadingState). */
export function loadingState(deadline: string, firstLoadedOn: string | null, today: string): LoadingState {
  if (firstLoadedOn) return firstLoadedOn <= deadline ? 'on_time' : 'loaded_late';
  if (today > deadline) return 'late';
  const daysLeft = (Date.parse(deadline) - Date.parse(today)) / 86_400_000;
  return daysLeft <= DUE_SOON_DAYS ? 'due_soon' : 'open';
}

/** The dashboard as the reader may see it: the figures under their `count` rule. */
export function dashboard(db: Database, ability: Ability, query: { networkId?: string; period?: string }, now: Date): Promise<Dashboard> {
  return dashboardFigures(
    db,
    {
      items: permittedCondition(ability, 'count', 'Item', ITEM_SQL_FIELDS),
      commitments: permittedCondition(ability, 'read', 'Commitment', COMMITMENT_SQL_FIELDS),
      templates: permittedCondition(ability, 'read', 'ReturnTemplate', RETURN_TEMPLATE_SQL_FIELDS),
      returns: permittedCondition(ability, 'read', 'Return', RETURN_SQL_FIELDS),
      meetings: permittedCondition(ability, 'read', 'Meeting', MEETING_SQL_FIELDS),
    },
    query,
    now,
  );
}

/** The policy's conditions the figures are counted under: on `item`, `commitment`, `return_template`, `country_return` and `meeting`. */
export interface Counted {
  items: Expression<SqlBool>;
  commitments: Expression<SqlBool>;
  templates: Expression<SqlBool>;
  returns: Expression<SqlBool>;
  meetings: Expression<SqlBool>;
}

/**
 * The figures, counting the items and commitments the conditions admit: the reader's policy for
 * the route; the bench's floor (bench/entries/dashboard.ts) measures the same statements with none.
 */
export async function dashboardFigures(
  db: Database,
  { items: counted, commitments: followed, templates, returns: returned, meetings: met }: Counted,
  query: { networkId?: string; period?: string },
  now: Date,
): Promise<Dashboard> {
  const period = periodOf(query.period, now);
  const today = isoDay(now);
  const networks = await db
    .selectFrom('network')
    .select(['id', 'nameEs', 'nameEn'])
    .$if(query.networkId !== undefined, (q) => q.where('id', '=', query.networkId!))
    .orderBy('nameEs')
    .execute();
  if (query.networkId && networks.length === 0) throw new ApiError(404, 'not_found');
  const networkIds = networks.map((n) => n.id);
  const inScope = sql`item.network_id = any(${networkIds}::uuid[]) and item.status in ('submitted', 'published')`;
  // The period's bounds as instants: from its first day to the end of its last.
  const from = `${period.from}T00:00:00Z`;
  const until = new Date(Date.parse(`${period.to}T00:00:00Z`) + 86_400_000).toISOString();

  const expected = periodsEnding(period.from, period.to);
  const [loadingRows, itemRows, activity, alerts, commitments, returnRows, trainings] = await Promise.all([
    loadingObligations(db, { today, networkIds, counted }),
    sql<{ country: string; kind: ItemKind; published: number; pending: number }>`
      select item.originator_country as country, item.kind,
        (count(*) filter (where item.status = 'published'))::int as published,
        (count(*) filter (where item.status = 'submitted'))::int as pending
      from item
      where ${inScope} and ${counted} and item.created_at >= ${from}::timestamptz and item.created_at < ${until}::timestamptz
      group by 1, 2 order by 1, 2`.execute(db),
    sql<{ month: string; country: string; count: number }>`
      select to_char(item.created_at at time zone 'UTC', 'YYYY-MM') as month, item.originator_country as country, count(*)::int as count
      from item
      where ${inScope} and ${counted} and item.created_at >= ${from}::timestamptz and item.created_at < ${until}::timestamptz
      group by 1, 2 order by 1, 2`.execute(db),
    sql<{ country: string; delivered: number; acknowledged: number; medianHours: number | null; p90Hours: number | null }>`
      select u.country, count(*)::int as delivered, count(r.acknowledged_at)::int as acknowledged,
        round((percentile_cont(0.5) within group (order by extract(epoch from r.acknowledged_at - r.delivered_at)) / 3600)::numeric, 1)::float8 as "medianHours",
        round((percentile_cont(0.9) within group (order by extract(epoch from r.acknowledged_at - r.delivered_at)) / 3600)::numeric, 1)::float8 as "p90Hours"
      from alert a
      join item on item.id = a.item_id
      join alert_recipient r on r.alert_id = a.item_id
      join app_user u on u.id = r.user_id
      where ${inScope} and ${counted} and a.published_at >= ${from}::timestamptz and a.published_at < ${until}::timestamptz
      group by u.country order by u.country`.execute(db),
    sql<{ responsible: string; notStarted: number; inProgress: number; done: number; overdue: number }>`
      select r.responsible,
        (count(*) filter (where r.status = 'not_started'))::int as "notStarted",
        (count(*) filter (where r.status = 'in_progress'))::int as "inProgress",
        (count(*) filter (where r.status = 'done'))::int as done,
        (count(*) filter (where commitment_overdue(commitment.calendar, commitment.due_on, commitment.starts_on, r.status, r.status_at, ${today}::date)))::int as overdue
      from commitment_responsible r
      join commitment on commitment.id = r.commitment_id
      where r.network_id = any(${networkIds}::uuid[]) and ${followed}
      group by r.responsible order by r.responsible`.execute(db),
    sql<{
      templateId: string;
      titleEs: string;
      titleEn: string;
      period: string;
      country: string;
      dueOn: string;
      status: 'draft' | 'submitted' | 'amending' | null;
      firstSubmittedOn: string | null;
    }>`
      with periods(kind, label, last) as (
        select * from unnest(${expected.map((p) => p.kind)}::text[], ${expected.map((p) => p.label)}::text[], ${expected.map((p) => p.last)}::date[])
      ), wanted as (
        select return_template.id, return_template.title_es, return_template.title_en, p.label as period, c.country,
          coalesce(return_template.due_on, p.last + return_template.due_days) as due_on
        from return_template
        join periods p on p.kind = return_template.period_kind
        cross join unnest(return_template.countries) as c(country)
        where return_template.network_id = any(${networkIds}::uuid[]) and ${templates}
          and (return_template.period_kind <> 'once' or return_template.due_on between ${period.from}::date and ${period.to}::date)
          -- An archived template was owed for the periods that ended (a one-off: was due) before it was archived, not after.
          and (return_template.archived_at is null or coalesce(p.last, return_template.due_on) < (return_template.archived_at at time zone 'UTC')::date)
      )
      select w.id as "templateId", w.title_es as "titleEs", w.title_en as "titleEn", w.period, w.country,
        to_char(w.due_on, 'YYYY-MM-DD') as "dueOn", r.status, to_char(r.first_submitted, 'YYYY-MM-DD') as "firstSubmittedOn"
      from wanted w
      left join lateral (
        select country_return.status,
          (select min(v.submitted_at) from return_version v where v.return_id = country_return.id) at time zone 'UTC' as first_submitted
        from country_return join return_template on return_template.id = country_return.template_id
        where country_return.template_id = w.id and country_return.period = w.period and country_return.country = w.country and ${returned}
      ) r on true
      order by w.due_on, w.title_es, w.period, w.country`.execute(db),
    // Officials trained (the plans' indicator): trainings and workshops held in the period, of the
    // networks shown (and, across all networks, the conference-wide ones), by country and topic.
    sql<Dashboard['trainings'][number]>`
      select t.country, meeting.topic, sum(t.officials)::int as officials, count(distinct meeting.id)::int as meetings
      from meeting_training t
      join meeting on meeting.id = t.meeting_id
      where meeting.topic is not null and ${met}
        and (meeting.network_id = any(${networkIds}::uuid[]) or (meeting.network_id is null and ${query.networkId === undefined}))
        and meeting.starts_at >= ${from}::timestamptz and meeting.starts_at < ${until}::timestamptz
      group by 1, 2 order by 1, 2`.execute(db),
  ]);

  const items = new Map<string, { country: string; published: Record<ItemKind, number>; pending: Record<ItemKind, number> }>();
  for (const r of itemRows.rows) {
    let row = items.get(r.country);
    if (!row) items.set(r.country, (row = { country: r.country, published: zeros(), pending: zeros() }));
    row.published[r.kind] = r.published;
    row.pending[r.kind] = r.pending;
  }
  return {
    period,
    today,
    networks,
    countries: [...new Set(loadingRows.map((r) => r.country))].sort(),
    loading: loadingRows.map(({ dueOn, ...r }): Loading => ({ ...r, loadingDeadline: dueOn })),
    items: [...items.values()],
    activity: activity.rows,
    trainings: trainings.rows,
    alerts: alerts.rows,
    commitments: commitments.rows,
    returns: returnRows.rows.map(({ status, firstSubmittedOn, ...r }) => ({
      ...r,
      status: status ?? 'missing',
      firstSubmittedOn,
      state: loadingState(r.dueOn, firstSubmittedOn, today),
    })),
  };
}
