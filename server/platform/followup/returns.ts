import { sql } from 'kysely';
import type { DeadlineSource, DueObligation } from '../notifications/reminders.ts';
import { periodsEnding } from './periods.ts';

const DAY = 86_400_000;
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * The reminders' source for periodic returns: each template × period × concerned country whose return
 * is due in the window (its period's last day plus the template's days; a one-off, its own date) and
 * has never been submitted — not opened, or a draft — with the country's contact points and
 * substitutes in the template's network (active accounts) and the template's title as the label.
 * A return's due date is at most 366 days after its period, so the periods looked at end up to a
 * year and a day before the window. An archived template reminds no one: no return can be opened
 * for it any more (the dashboard still shows what was owed before it was archived).
 */
export const returnDeadlines: DeadlineSource = {
  obligation: 'return',
  async due(db, window) {
    const periods = periodsEnding(shift(window.from, -367), window.to);
    const { rows } = await sql<{
      templateId: string;
      titleEs: string;
      titleEn: string;
      country: string;
      dueOn: string;
      recipients: string[];
    }>`
      with periods(kind, label, last) as (
        select * from unnest(${periods.map((p) => p.kind)}::text[], ${periods.map((p) => p.label)}::text[], ${periods.map((p) => p.last)}::date[])
      ), wanted as (
        select t.id, t.network_id, t.title_es, t.title_en, p.label as period, c.country,
          coalesce(t.due_on, p.last + t.due_days) as due_on
        from return_template t
        join periods p on p.kind = t.period_kind
        cross join unnest(t.countries) as c(country)
        where t.archived_at is null
      )
      select w.id as "templateId", w.title_es as "titleEs", w.title_en as "titleEn", w.country,
        to_char(w.due_on, 'YYYY-MM-DD') as "dueOn",
        array(
          select distinct m.user_id from membership m join app_user u on u.id = m.user_id
          where m.network_id = w.network_id and m.country = w.country and m.role in ('contact_point', 'substitute') and u.status = 'active'
          order by m.user_id
        )::text[] as recipients
      from wanted w
      where w.due_on between ${window.from}::date and ${window.to}::date
        and not exists (
          select 1 from country_return r
          where r.template_id = w.id and r.period = w.period and r.country = w.country and r.submitted_version is not null
        )
      order by w.due_on, w.id, w.country`.execute(db);
    return rows.map(
      (r): DueObligation => ({
        obligation: 'return',
        subjectId: r.templateId,
        spaceId: null,
        country: r.country,
        dueOn: r.dueOn,
        label: { es: r.titleEs, en: r.titleEn },
        recipients: r.recipients,
      }),
    );
  },
};
