import type { Static } from 'typebox';
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { Place } from '../../platform/reference/countries.ts';

const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date' });
const Count = Type.Integer({ minimum: 0 });
const Country = Type.String({ pattern: '^[A-Z]{3}$' });

/** A period of the follow-up: a year (2026), a semester (2026-S2) or a quarter (2026-Q3). */
export const Period = Type.String({ pattern: '^[0-9]{4}(-S[12]|-Q[1-4])?$', maxLength: 7 });

export const DashboardQuery = Type.Object(
  {
    /** One network; every network when absent. */
    networkId: Type.Optional(Uuid),
    /** The period the activity, items and alerts are counted in; the current semester when absent. */
    period: Type.Optional(Period),
  },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuery>;

export const ExportQuery = Type.Object(
  {
    networkId: Type.Optional(Uuid),
    period: Type.Optional(Period),
    format: Type.Enum(['csv', 'pdf']),
    /** The words' language when the link chooses it (the portal's language, not the browser's). */
    lang: Type.Optional(Type.Enum(['es', 'en'])),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

const Kinds = Type.Object({ specimen: Count, report: Count, alert: Count, person: Count }, { additionalProperties: false });

/**
 * A member country's loading obligation in one space: what it has submitted (pending validation)
 * and published there, by kind, against the space's deadline. `onTime`: loaded by the deadline;
 * `dueSoon`: nothing loaded and the deadline within 14 days; `late`: nothing loaded by the deadline
 * (or loaded only after it: `loadedLate`); `open`: nothing loaded yet, the deadline further away.
 */
export const LoadingState = Type.Enum(['on_time', 'loaded_late', 'due_soon', 'late', 'open']);
export type LoadingState = Static<typeof LoadingState>;

export const Loading = Type.Object(
  {
    spaceId: Uuid,
    networkId: Uuid,
    spaceNameEs: Type.String(),
    spaceNameEn: Type.String(),
    opensOn: Day,
    loadingDeadline: Day,
    country: Country,
    published: Kinds,
    pending: Kinds,
    firstLoadedOn: Nullable(Day),
    state: LoadingState,
  },
  { additionalProperties: false },
);
export type Loading = Static<typeof Loading>;

export const Dashboard = Type.Object(
  {
    period: Type.Object({ label: Period, from: Day, to: Day }, { additionalProperties: false }),
    /** The day the states are reckoned on. */
    today: Day,
    networks: Type.Array(Type.Object({ id: Uuid, nameEs: Type.String(), nameEn: Type.String() }, { additionalProperties: false })),
    /** Every member country of the spaces in scope (observers are not obliged to load). */
    countries: Type.Array(Country),
    loading: Type.Array(Loading),
    /** Items submitted or published in the period, by originating country (or organisation: IOM, SV, a partner) and kind. */
    items: Type.Array(Type.Object({ country: Place, published: Kinds, pending: Kinds }, { additionalProperties: false })),
    /** Items submitted or published, by month of creation (YYYY-MM) and country. */
    activity: Type.Array(Type.Object({ month: Type.String(), country: Place, count: Count }, { additionalProperties: false })),
    /** Alerts published in the period, by recipient's country (or organisation): deliveries, acknowledgements and how long they took (hours). */
    alerts: Type.Array(
      Type.Object(
        {
          country: Place,
          delivered: Count,
          acknowledged: Count,
          medianHours: Nullable(Type.Number()),
          p90Hours: Nullable(Type.Number()),
        },
        { additionalProperties: false },
      ),
    ),
    /** Commitments of the plans by responsible (a member country, or IOM, UNHCR, RROCM, SV): current statuses, and how many are late. */
    commitments: Type.Array(
      Type.Object(
        { responsible: Type.String({ pattern: '^[A-Z]{2,5}$' }), notStarted: Count, inProgress: Count, done: Count, overdue: Count },
        { additionalProperties: false },
      ),
    ),
    /** Officials trained in the period's trainings and workshops, by country and topic (the plans' indicator). */
    trainings: Type.Array(
      Type.Object(
        {
          country: Country,
          topic: Type.Enum(['document_fraud', 'victim_identification', 'asylum_refuge', 'other']),
          officials: Count,
          meetings: Count,
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * The periodic returns the period expects (those whose period ends in it, or a one-off due in it),
     * per template, period and concerned country: its status (`missing` when not opened) and its
     * state against its due date, as loading's (submitted by then: on time).
     */
    returns: Type.Array(
      Type.Object(
        {
          templateId: Uuid,
          titleEs: Type.String(),
          titleEn: Type.String(),
          period: Type.String(),
          country: Country,
          dueOn: Day,
          status: Type.Enum(['missing', 'draft', 'submitted', 'amending']),
          firstSubmittedOn: Nullable(Day),
          state: LoadingState,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Dashboard = Static<typeof Dashboard>;
