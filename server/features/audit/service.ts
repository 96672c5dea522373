import { sql } from 'kysely';
import type { Config } from '../../config.ts';
import { type EntryFilters, filteredEntries } from '../../platform/audit/operations.ts';
import type { Database } from '../../platform/db/database.ts';

type Person = { id: string; displayName: string; email: string; country: string };

const person = (id: string | null, displayName: string | null, email: string | null, country: string | null): Person | null =>
  id && displayName !== null && email !== null && country !== null ? { id, displayName, email, country } : null;

/** A page of entries, newest first, with who acted and in which space (names: directory metadata). */
export async function searchEntries(db: Database, filters: EntryFilters, before: number | undefined, limit: number) {
  let q = filteredEntries(db, filters)
    .leftJoin('appUser as u', 'u.id', 'e.actorId')
    .leftJoin('space as s', 's.id', 'e.spaceId')
    .selectAll('e')
    .select(['u.displayName', 'u.email', 'u.country', 's.nameEs', 's.nameEn'])
    .orderBy('e.seq', 'desc')
    .limit(limit + 1);
  if (before !== undefined) q = q.where('e.seq', '<', String(before));
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({
      seq: Number(r.seq),
      at: new Date(r.at).toISOString(),
      actor: person(r.actorId, r.displayName, r.email, r.country),
      actorCountry: r.actorCountry,
      action: r.action,
      outcome: r.outcome as 'allowed' | 'denied' | 'error',
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      space: r.spaceId && r.nameEs !== null && r.nameEn !== null ? { id: r.spaceId, nameEs: r.nameEs, nameEn: r.nameEn } : null,
      requestId: r.requestId,
      clientAddress: r.clientAddress,
      userAgent: r.userAgent,
      purpose: r.purpose,
      details: r.details as Record<string, unknown>,
      hash: Buffer.from(r.hash).toString('hex'),
    })),
    nextBefore: rows.length > limit ? Number(page[page.length - 1]!.seq) : null,
  };
}

/** What the console's filters offer: people, spaces, and every action the portal records. */
export async function facets(db: Database, actions: Iterable<string>) {
  const [actors, spaces] = await Promise.all([
    db.selectFrom('appUser').select(['id', 'displayName', 'email', 'country']).orderBy('displayName').orderBy('email').execute(),
    db.selectFrom('space').select(['id', 'nameEs', 'nameEn']).orderBy('nameEs').execute(),
  ]);
  return { actors, spaces, actions: [...new Set(actions)].sort() };
}

export type AnomalyKind = 'reads_per_hour' | 'repeated_denials' | 'person_lookups_per_hour' | 'unusual_hour';

/**
 * Anomaly flags, computed in SQL over the window (default: the last 7 days):
 * - reads_per_hour: a user read more than N distinct items in one clock hour (reads = `*.read` and
 *   `*.download` entries allowed; the item is the subject, or the item a file belongs to);
 * - repeated_denials: N denials or more in one hour for one user, or one client address when no
 *   one is signed in (a code asked for after a right password is a step, not a denial);
 * - person_lookups_per_hour: a user looked up more than N persons in one clock hour — each person
 *   check, each entry of a batch check (its `count`), each distinct person record read (allowed
 *   entries only: a read refused for want of a purpose looked nothing up);
 * - unusual_hour: activity in an hour of day (in the configured time zone) that held less than a
 *   share S of the user's entries over the 30 days before the window, for users with enough history.
 */
export async function anomalies(db: Database, config: Config, from: Date, to: Date) {
  const t = {
    readsPerHour: config.auditReadsPerHour,
    denialsPerHour: config.auditDenialsPerHour,
    personLookupsPerHour: config.auditPersonLookupsPerHour,
    unusualHourShare: config.auditUnusualHourShare,
    minHistory: config.auditMinHistory,
  };
  const tz = config.auditTimezone;
  const { rows } = await sql<{
    kind: AnomalyKind;
    actorId: string | null;
    clientAddress: string | null;
    hour: Date;
    count: string | number;
    threshold: number;
  }>`
    with reads as (
      select 'reads_per_hour'::text as kind, actor_id, null::text as client_address, date_trunc('hour', at) as hour,
             count(distinct coalesce(details->>'itemId', subject_id)) as count, ${t.readsPerHour}::float8 as threshold
      from audit_entry
      where at >= ${from} and at < ${to} and actor_id is not null and outcome = 'allowed'
        and (action like '%.read' or action like '%.download')
      group by 2, 4
      having count(distinct coalesce(details->>'itemId', subject_id)) > ${t.readsPerHour}
    ),
    denials as (
      select 'repeated_denials'::text, actor_id, case when actor_id is null then client_address end, date_trunc('hour', at),
             count(*), ${t.denialsPerHour}::float8
      from audit_entry
      -- second_factor_required: how a right password without a code was recorded before it became an allowed step
      where at >= ${from} and at < ${to} and outcome = 'denied' and coalesce(details->>'code', '') <> 'second_factor_required'
      group by 2, 3, 4
      having count(*) >= ${t.denialsPerHour}
    ),
    lookups as (
      select actor_id, date_trunc('hour', at) as hour,
             count(distinct subject_id) filter (where action = 'person.read')
               + count(*) filter (where action = 'check.person')
               + coalesce(sum(case when details->>'count' ~ '^[0-9]{1,6}$' then (details->>'count')::int else 0 end)
                   filter (where action = 'check.persons'), 0) as n
      from audit_entry
      where at >= ${from} and at < ${to} and actor_id is not null and outcome = 'allowed'
        and action in ('person.read', 'check.person', 'check.persons')
      group by 1, 2
    ),
    persons as (
      select 'person_lookups_per_hour'::text, actor_id, null::text, hour, n, ${t.personLookupsPerHour}::float8
      from lookups
      where n > ${t.personLookupsPerHour}
    ),
    history as (
      select actor_id, extract(hour from at at time zone ${tz})::int as h, count(*) as n
      from audit_entry
      where actor_id is not null and at >= ${from}::timestamptz - interval '30 days' and at < ${from}
      group by 1, 2
    ),
    totals as (select actor_id, sum(n) as total from history group by actor_id),
    recent as (
      select actor_id, date_trunc('hour', at) as hour, extract(hour from at at time zone ${tz})::int as h, count(*) as n
      from audit_entry
      where actor_id is not null and at >= ${from} and at < ${to}
      group by 1, 2, 3
    ),
    unusual as (
      select 'unusual_hour'::text, r.actor_id, null::text, r.hour, r.n, ${t.unusualHourShare}::float8
      from recent r
      join totals tt on tt.actor_id = r.actor_id
      left join history h on h.actor_id = r.actor_id and h.h = r.h
      where tt.total >= ${t.minHistory} and coalesce(h.n, 0)::float8 / tt.total < ${t.unusualHourShare}
    )
    select kind, actor_id as "actorId", client_address as "clientAddress", hour, count, threshold
    from (select * from reads union all select * from denials union all select * from persons union all select * from unusual) flagged
    order by hour desc, kind, actor_id nulls last
    limit 500`.execute(db);
  const ids = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null))];
  const people = ids.length ? await db.selectFrom('appUser').select(['id', 'displayName', 'email', 'country']).where('id', 'in', ids).execute() : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    thresholds: t,
    anomalies: rows.map((r) => ({
      kind: r.kind,
      actor: (r.actorId && byId.get(r.actorId)) || null,
      clientAddress: r.clientAddress,
      at: new Date(r.hour).toISOString(),
      count: Number(r.count),
      threshold: Number(r.threshold),
    })),
  };
}
