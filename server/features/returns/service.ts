import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { type Ability, type Actor, authorize, can, permissions } from '../../../policies/ability.ts';
import { MEMBER_COUNTRIES } from '../../../policies/actor.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import type { Database } from '../../platform/db/database.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanLine, cleanText } from '../../platform/http/text.ts';
import type { Language } from '../../platform/i18n/language.ts';
import { countryName } from '../../platform/reference/countries.ts';
import {
  cellsOf,
  countriesWithReturns,
  draftsOf,
  type Grouping,
  lockTemplate,
  type ReturnRow,
  returns,
  rollup,
  sectionsOf,
  setStatus,
  submittedPerPeriod,
  type TemplateRow,
  templates,
  versionOf,
} from './queries.ts';
import type {
  Column,
  Dimension,
  ReturnCreate,
  ReturnSummary,
  ReturnView,
  Rollup,
  RollupQuery,
  Section,
  TemplateCreate,
  TemplatePatch,
  TemplateView,
  VersionContent,
} from './schemas.ts';
import type { MatrixLayout, MatrixRow } from './sheet.ts';

/**
 * Periodic returns: templates, and each country's return for a period through its versions. A
 * draft's figures are replaced whole by the form or a file (checked first: nothing is saved until
 * every cell is right); submitting freezes the version; amending opens the next version, with its
 * reason, from the submitted one, which stays readable and counted until the amendment is submitted.
 */

export interface Definition {
  dimensions?: Dimension[];
  columns?: Column[];
  sections?: Section[];
}

export const ACTIONS = ['figures', 'content', 'draft', 'update', 'submit', 'amend'] as const;
const SECTION_PURPOSE = 'return-section';
const sectionBinding = (versionId: string, key: string) => `${versionId}:${key}`;

const iso = (value: Date | string) => new Date(value).toISOString();

export function templateView(row: TemplateRow, ability: Ability): TemplateView {
  const definition = row.definition as Definition;
  const update = can(ability, 'update', 'ReturnTemplate', { networkId: row.networkId });
  return {
    id: row.id,
    networkId: row.networkId,
    kind: row.kind,
    titleEs: row.titleEs,
    titleEn: row.titleEn,
    periodKind: row.periodKind,
    dueDays: row.dueDays,
    dueOn: row.dueOn,
    countries: row.countries,
    observersContribute: row.observersContribute,
    dimensions: definition.dimensions ?? [],
    columns: definition.columns ?? [],
    sections: definition.sections ?? [],
    archived: row.archivedAt !== null,
    archivedAt: row.archivedAt === null ? null : iso(row.archivedAt),
    layoutLocked: update ? Boolean(row.opened) : null,
    permissions: { update },
    createdAt: iso(row.createdAt),
    updatedAt: row.updatedAt === null ? null : iso(row.updatedAt),
  };
}

export const layoutOf = (template: TemplateView): MatrixLayout => ({ dimensions: template.dimensions, columns: template.columns });

type LayoutFields = Pick<TemplateCreate, 'kind' | 'periodKind' | 'dueOn' | 'dimensions' | 'columns' | 'sections'>;

/** A template's layout, checked beyond its schema: the parts its kind needs, keys unique, choices given. */
function checkLayout(body: LayoutFields): Definition {
  const invalid = (reason: string) => new ApiError(400, 'template_layout_invalid', { reason });
  const unique = (keys: string[], what: string) => {
    if (new Set(keys).size !== keys.length) throw invalid(`${what}: repeated key`);
  };
  if (body.periodKind === 'once' ? !body.dueOn : body.dueOn) throw invalid('dueOn is for a one-off return (periodKind once), and only for it');
  if (body.kind === 'matrix') {
    if (!body.dimensions || !body.columns || body.sections) throw invalid('a matrix has dimensions and columns, no sections');
    unique(
      body.dimensions.map((d) => d.key),
      'dimensions',
    );
    unique(
      body.columns.map((c) => c.key),
      'columns',
    );
    for (const d of body.dimensions) {
      if ((d.type === 'choice') !== Boolean(d.values)) throw invalid(`dimension ${d.key}: values are for a choice, and a choice needs them`);
      if (d.values)
        unique(
          d.values.map((v) => v.key),
          `dimension ${d.key}`,
        );
    }
    const clean = <T extends { labelEs: string; labelEn: string }>(x: T): T => ({
      ...x,
      labelEs: cleanLine(x.labelEs),
      labelEn: cleanLine(x.labelEn),
    });
    return {
      dimensions: body.dimensions.map((d) => ({ ...clean(d), ...(d.values ? { values: d.values.map(clean) } : {}) })),
      columns: body.columns.map(clean),
    };
  }
  if (!body.sections || body.dimensions || body.columns) throw invalid('a written return has sections, no dimensions nor columns');
  unique(
    body.sections.map((s) => s.key),
    'sections',
  );
  return { sections: body.sections.map((s) => ({ ...s, labelEs: cleanLine(s.labelEs), labelEn: cleanLine(s.labelEn) })) };
}

export async function createTemplate(trx: Database, actor: Actor, ability: Ability, body: TemplateCreate, now: Date): Promise<string> {
  authorize(ability, 'create', 'ReturnTemplate', { networkId: body.networkId });
  const network = await trx.selectFrom('network').select('id').where('id', '=', body.networkId).executeTakeFirst();
  if (!network) throw new ApiError(404, 'not_found');
  const definition = checkLayout(body);
  const countries = checkCountries(body.countries ?? MEMBER_COUNTRIES);
  const row = await trx
    .insertInto('returnTemplate')
    .values({
      networkId: body.networkId,
      kind: body.kind,
      titleEs: cleanLine(body.titleEs),
      titleEn: cleanLine(body.titleEn),
      periodKind: body.periodKind,
      dueDays: body.dueDays,
      dueOn: body.dueOn ?? null,
      countries,
      observersContribute: body.observersContribute ?? false,
      definition: JSON.stringify(definition),
      createdBy: actor.id,
      createdAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The countries a template concerns: member countries, each once. */
function checkCountries(given: readonly string[]): string[] {
  const countries = [...new Set(given)];
  for (const country of countries) {
    if (!(MEMBER_COUNTRIES as readonly string[]).includes(country)) throw new ApiError(400, 'return_country_not_concerned', { country });
  }
  return countries;
}

const sameSet = (a: readonly string[], b: readonly string[]) => new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

const LAYOUT_FIELDS = ['kind', 'periodKind', 'dimensions', 'columns', 'sections'] as const;

/**
 * The Secretariat's edit of a template, in the change's transaction, the template locked against
 * returns being opened meanwhile. The result is checked as a new template would be; the layout may
 * change only while no return has been opened for it (409 `return_template_layout_locked`), and a
 * country that has a return for it stays (409 `return_template_country_has_returns`). A new
 * schedule moves the due date of the returns never submitted; a submitted one keeps the date it was
 * due by. Answers the names of the fields that changed (nothing else: no value goes to the trail).
 */
export async function updateTemplate(
  trx: Database,
  ability: Ability,
  id: string,
  body: TemplatePatch,
  now: Date,
): Promise<{ networkId: string; changed: string[] }> {
  await lockTemplate(trx, id, 'update');
  const current = await findTemplate(trx, ability, id);
  authorize(ability, 'update', 'ReturnTemplate', { networkId: current.networkId });
  const kind = body.kind ?? current.kind;
  const periodKind = body.periodKind ?? current.periodKind;
  // A part of the layout not sent stays as it is, unless the kind changes (a matrix's columns are no written report's).
  const part = <K extends 'dimensions' | 'columns' | 'sections'>(key: K) =>
    body[key] ?? (kind === current.kind && current[key].length ? (current[key] as NonNullable<TemplatePatch[K]>) : undefined);
  const dueOn = body.dueOn === undefined ? (periodKind === 'once' ? (current.dueOn ?? undefined) : undefined) : (body.dueOn ?? undefined);
  const definition = checkLayout({ kind, periodKind, dueOn, dimensions: part('dimensions'), columns: part('columns'), sections: part('sections') });
  const next = {
    titleEs: body.titleEs === undefined ? current.titleEs : cleanLine(body.titleEs),
    titleEn: body.titleEn === undefined ? current.titleEn : cleanLine(body.titleEn),
    dueDays: body.dueDays ?? current.dueDays,
    dueOn: dueOn ?? null,
    countries: body.countries && !sameSet(body.countries, current.countries) ? checkCountries(body.countries) : current.countries,
    observersContribute: body.observersContribute ?? current.observersContribute,
    archived: body.archived ?? current.archived,
    kind,
    periodKind,
    dimensions: definition.dimensions ?? [],
    columns: definition.columns ?? [],
    sections: definition.sections ?? [],
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => !isDeepStrictEqual(next[key], current[key]));
  if (changed.length === 0) return { networkId: current.networkId, changed };

  // Read after the lock: no return can be opened for it until this transaction ends.
  if (current.layoutLocked && changed.some((key) => (LAYOUT_FIELDS as readonly string[]).includes(key)))
    throw new ApiError(409, 'return_template_layout_locked');
  const removed = current.countries.filter((c) => !next.countries.includes(c));
  const kept = await countriesWithReturns(trx, id, removed);
  if (kept.length) throw new ApiError(409, 'return_template_country_has_returns', { country: kept.join(', ') });

  await trx
    .updateTable('returnTemplate')
    .set({
      titleEs: next.titleEs,
      titleEn: next.titleEn,
      dueDays: next.dueDays,
      dueOn: next.dueOn,
      countries: next.countries,
      observersContribute: next.observersContribute,
      kind,
      periodKind,
      definition: JSON.stringify(definition),
      archivedAt: next.archived ? (current.archivedAt ?? now) : null,
      updatedAt: now,
    })
    .where('id', '=', id)
    .execute();
  if (changed.includes('dueDays') || changed.includes('dueOn')) {
    for (const draft of await draftsOf(trx, id)) {
      await trx
        .updateTable('countryReturn')
        .set({ dueOn: dueDate(next, draft.period) })
        .where('id', '=', draft.id)
        .execute();
    }
  }
  return { networkId: current.networkId, changed };
}

/** A template the reader may read, or 404 (as if it did not exist). */
export async function findTemplate(db: Database, ability: Ability, id: string): Promise<TemplateView> {
  const row = await templates(db, ability).where('returnTemplate.id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  return templateView(row, ability);
}

const PERIOD_PATTERNS = { semester: /^(\d{4})-S([12])$/, quarter: /^(\d{4})-Q([1-4])$/, year: /^(\d{4})$/, once: /^once$/ } as const;
const PERIOD_EXAMPLES = { semester: '2026-S1', quarter: '2026-Q3', year: '2026', once: 'once' } as const;

/** The date a template's return for a period is due: the period's last day plus the template's days, or a one-off's own date. */
export function dueDate(template: Pick<TemplateView, 'periodKind' | 'dueDays' | 'dueOn'>, period: string): string {
  const match = PERIOD_PATTERNS[template.periodKind].exec(period);
  if (!match) throw new ApiError(400, 'return_period_invalid', { period, expected: PERIOD_EXAMPLES[template.periodKind] });
  if (template.periodKind === 'once') return template.dueOn!;
  const year = Number(match[1]);
  const part = Number(match[2] ?? 1);
  const months = template.periodKind === 'semester' ? 6 : template.periodKind === 'quarter' ? 3 : 12;
  // Day 0 of the month after the period: its last day (UTC, a calendar date).
  const end = new Date(Date.UTC(year, part * months, 0));
  end.setUTCDate(end.getUTCDate() + template.dueDays);
  return end.toISOString().slice(0, 10);
}

const subjectOf = (row: Pick<ReturnRow, 'networkId' | 'country' | 'status' | 'observersContribute'>) => ({
  networkId: row.networkId,
  country: row.country,
  status: row.status,
  observersContribute: row.observersContribute,
});

export function summary(row: ReturnRow, now: Date): ReturnSummary {
  return {
    id: row.id,
    templateId: row.templateId,
    networkId: row.networkId,
    kind: row.kind,
    titleEs: row.titleEs,
    titleEn: row.titleEn,
    period: row.period,
    country: row.country,
    status: row.status,
    version: row.version,
    submittedVersion: row.submittedVersion,
    dueOn: row.dueOn,
    late: row.status === 'draft' && now.toISOString().slice(0, 10) > row.dueOn,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export async function createReturn(trx: Database, actor: Actor, ability: Ability, body: ReturnCreate, now: Date): Promise<string> {
  await lockTemplate(trx, body.templateId, 'share');
  const template = await findTemplate(trx, ability, body.templateId);
  const country = body.country ?? actor.country;
  authorize(ability, 'create', 'Return', {
    networkId: template.networkId,
    country,
    status: 'draft',
    observersContribute: template.observersContribute,
  });
  if (template.archived) throw new ApiError(409, 'return_template_archived');
  const dueOn = dueDate(template, body.period);
  if (!template.countries.includes(country)) throw new ApiError(400, 'return_country_not_concerned', { country });
  const id = randomUUID();
  const created = await trx
    .insertInto('countryReturn')
    .values({
      id,
      templateId: template.id,
      networkId: template.networkId,
      period: body.period,
      country,
      status: 'draft',
      version: 1,
      submittedVersion: null,
      dueOn,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    })
    .onConflict((oc) => oc.columns(['templateId', 'period', 'country']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!created) throw new ApiError(409, 'return_exists');
  await trx
    .insertInto('returnVersion')
    .values({ returnId: id, version: 1, reason: null, source: 'form', createdBy: actor.id, createdAt: now, updatedBy: actor.id, updatedAt: now })
    .execute();
  return id;
}

/** A return the reader may read, or 404 whether or not it exists. */
export async function findReturn(db: Database, ability: Ability, id: string): Promise<ReturnRow> {
  const row = await returns(db, ability).where('countryReturn.id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

export function authorizeReturn(ability: Ability, action: (typeof ACTIONS)[number], row: ReturnRow): void {
  authorize(ability, action, 'Return', subjectOf(row));
}

/** Whether a version is submitted: any version before the working one, and the working one once submitted. */
const isSubmitted = (row: ReturnRow, version: number) => version < row.version || row.submittedVersion === version;

/** The version a reader is shown: the one asked for, else the working one to those who read drafts, else the submitted one. */
export async function returnView(db: Database, keyring: Keyring, ability: Ability, row: ReturnRow, now: Date, asked?: number): Promise<ReturnView> {
  const allowed = permissions(ability, 'Return', subjectOf(row), ACTIONS);
  let version: number | null = asked ?? null;
  if (version === null) version = allowed.draft ? row.version : row.submittedVersion;
  if (version !== null && version > row.version) throw new ApiError(404, 'return_version_unknown', { version });
  let shown: VersionContent | null = null;
  if (version !== null) {
    const submitted = isSubmitted(row, version);
    const figures = submitted ? allowed.figures || allowed.content : allowed.draft;
    const text = submitted ? allowed.content : allowed.draft;
    if (asked !== undefined && !(row.kind === 'matrix' ? figures : text)) throw new ApiError(403, 'forbidden');
    const stored = await versionOf(db, row.id, version);
    if (stored) shown = await versionContent(db, keyring, row, stored.id, version, submitted, figures, text);
  }
  return { ...summary(row, now), permissions: allowed, shown };
}

async function versionContent(
  db: Database,
  keyring: Keyring,
  row: ReturnRow,
  versionId: string,
  version: number,
  submitted: boolean,
  figures: boolean,
  text: boolean,
): Promise<VersionContent | null> {
  if (row.kind === 'matrix') {
    if (!figures) return null;
    const byRow = new Map<number, { dims: string[]; values: Record<string, number> }>();
    for (const cell of await cellsOf(db, versionId)) {
      let entry = byRow.get(cell.rowNo);
      if (!entry) byRow.set(cell.rowNo, (entry = { dims: cell.dim2 === null ? [cell.dim1] : [cell.dim1, cell.dim2], values: {} }));
      entry.values[cell.columnKey] = cell.value;
    }
    return { version, submitted, rows: [...byRow.values()], sections: null };
  }
  if (!text) return null;
  const sections: Record<string, string> = {};
  for (const s of await sectionsOf(db, versionId)) sections[s.key] = keyring.open(SECTION_PURPOSE, s.body, sectionBinding(versionId, s.key));
  return { version, submitted, rows: null, sections };
}

/** The working version's id, after checking the action on the return (locked for the change). */
async function workingVersion(trx: Database, row: ReturnRow): Promise<string> {
  const version = await versionOf(trx, row.id, row.version);
  if (!version) throw new ApiError(404, 'not_found');
  return version.id;
}

/** Replaces a draft's figures (already checked cell by cell). */
export async function saveRows(trx: Database, actor: Actor, row: ReturnRow, rows: MatrixRow[], source: 'form' | 'xlsx' | 'csv', now: Date) {
  const versionId = await workingVersion(trx, row);
  await trx.deleteFrom('returnCell').where('versionId', '=', versionId).execute();
  const cells = rows.flatMap((r, rowNo) =>
    Object.entries(r.values).map(([columnKey, value]) => ({ versionId, rowNo, dim1: r.dims[0]!, dim2: r.dims[1] ?? null, columnKey, value })),
  );
  // Bounded batches: a parameter list stays under PostgreSQL's 65,535.
  for (let i = 0; i < cells.length; i += 5000)
    await trx
      .insertInto('returnCell')
      .values(cells.slice(i, i + 5000))
      .execute();
  await trx.updateTable('returnVersion').set({ source, updatedBy: actor.id, updatedAt: now }).where('id', '=', versionId).execute();
  await trx.updateTable('countryReturn').set({ updatedAt: now }).where('id', '=', row.id).execute();
  return cells.length;
}

/** Checks a written return's sections: each one of the template's. */
export function checkSections(template: TemplateView, sections: { key: string; text: string }[]): Record<string, string> {
  const known = new Set(template.sections.map((s) => s.key));
  for (const { key } of sections) if (!known.has(key)) throw new ApiError(400, 'return_section_unknown', { section: key });
  return Object.fromEntries(sections.map((s) => [s.key, cleanText(s.text)]));
}

/** Replaces a draft's sections (sealed, each bound to its version and key). */
export async function saveSections(trx: Database, keyring: Keyring, actor: Actor, row: ReturnRow, sections: Record<string, string>, now: Date) {
  const versionId = await workingVersion(trx, row);
  await trx.deleteFrom('returnSection').where('versionId', '=', versionId).execute();
  const values = Object.entries(sections)
    .filter(([, body]) => body !== '')
    .map(([key, body]) => ({ versionId, key, body: keyring.seal(SECTION_PURPOSE, body, sectionBinding(versionId, key)) }));
  if (values.length) await trx.insertInto('returnSection').values(values).execute();
  await trx.updateTable('returnVersion').set({ source: 'form', updatedBy: actor.id, updatedAt: now }).where('id', '=', versionId).execute();
  await trx.updateTable('countryReturn').set({ updatedAt: now }).where('id', '=', row.id).execute();
  return values.length;
}

export async function submitReturn(trx: Database, actor: Actor, template: TemplateView, row: ReturnRow, now: Date): Promise<void> {
  const versionId = await workingVersion(trx, row);
  if (template.kind === 'written') {
    const filled = new Set((await sectionsOf(trx, versionId)).map((s) => s.key));
    if (template.sections.some((s) => !filled.has(s.key))) throw new ApiError(400, 'return_incomplete');
  }
  await trx.updateTable('returnVersion').set({ submittedBy: actor.id, submittedAt: now }).where('id', '=', versionId).execute();
  await setStatus(trx, row.id, { status: 'submitted', submittedVersion: row.version }, now);
}

/** Opens the next version from the submitted one (its figures or sections copied), with the reason. */
export async function amendReturn(trx: Database, keyring: Keyring, actor: Actor, row: ReturnRow, reason: string, now: Date): Promise<number> {
  const from = await versionOf(trx, row.id, row.version);
  if (!from) throw new ApiError(404, 'not_found');
  const next = row.version + 1;
  const id = randomUUID();
  await trx
    .insertInto('returnVersion')
    .values({
      id,
      returnId: row.id,
      version: next,
      reason: cleanLine(reason),
      source: from.source,
      createdBy: actor.id,
      createdAt: now,
      updatedBy: actor.id,
      updatedAt: now,
    })
    .execute();
  await trx
    .insertInto('returnCell')
    .columns(['versionId', 'rowNo', 'dim1', 'dim2', 'columnKey', 'value'])
    .expression((eb) =>
      eb
        .selectFrom('returnCell')
        .select([eb.val(id).as('versionId'), 'rowNo', 'dim1', 'dim2', 'columnKey', 'value'])
        .where('versionId', '=', from.id),
    )
    .execute();
  const sections = await sectionsOf(trx, from.id);
  if (sections.length) {
    await trx
      .insertInto('returnSection')
      .values(
        sections.map((s) => ({
          versionId: id,
          key: s.key,
          body: keyring.seal(SECTION_PURPOSE, keyring.open(SECTION_PURPOSE, s.body, sectionBinding(from.id, s.key)), sectionBinding(id, s.key)),
        })),
      )
      .execute();
  }
  await setStatus(trx, row.id, { status: 'amending', version: next }, now);
  return next;
}

/** Labels of a roll-up's groups: a country's name in the reader's language, a choice's label, else the value itself. */
export function groupLabel(template: TemplateView, by: string, key: string, language: Language): string {
  if (by === 'country') return countryName(key, language);
  const dimension = template.dimensions.find((d) => d.key === by);
  if (dimension?.type === 'country') return countryName(key, language);
  const choice = dimension?.values?.find((v) => v.key === key);
  if (choice) return language === 'es' ? choice.labelEs : choice.labelEn;
  return key;
}

export const canReadRollup = (ability: Ability, template: TemplateView) => can(ability, 'read', 'ReturnRollup', { networkId: template.networkId });

/** The roll-up of a matrix template: SQL aggregates of submitted versions (queries.ts), labelled for the reader. */
export async function buildRollup(db: Database, ability: Ability, template: TemplateView, query: RollupQuery, language: Language): Promise<Rollup> {
  if (template.kind !== 'matrix') throw new ApiError(400, 'return_not_a_matrix');
  const by = query.by ?? template.dimensions[0]!.key;
  const index = template.dimensions.findIndex((d) => d.key === by);
  if (by !== 'country' && index < 0) {
    throw new ApiError(400, 'rollup_dimension_unknown', { values: [...template.dimensions.map((d) => d.key), 'country'].join(', ') });
  }
  const grouping: Grouping = by === 'country' ? 'country' : index === 0 ? 'dim1' : 'dim2';
  const keysOf = (age: 'adult' | 'minor') => template.columns.filter((c) => c.age === age).map((c) => c.key);
  const [{ cells, totals }, periods] = await Promise.all([
    rollup(db, ability, template.id, query.period, grouping, keysOf('minor'), keysOf('adult')),
    submittedPerPeriod(db, ability, template.id, query.period),
  ]);
  const values = new Map<string, Record<string, number>>();
  for (const cell of cells) {
    const id = `${cell.period}\u0000${cell.key}`;
    let entry = values.get(id);
    if (!entry) values.set(id, (entry = {}));
    entry[cell.columnKey] = cell.total;
  }
  return {
    template,
    by,
    periods: periods.map((p) => ({ period: p.period, submitted: p.submitted, concerned: template.countries.length })),
    rows: totals.map((t) => ({
      period: t.period,
      key: t.key,
      label: groupLabel(template, by, t.key, language),
      total: t.total,
      adults: t.adults,
      minors: t.minors,
      values: values.get(`${t.period}\u0000${t.key}`) ?? {},
    })),
  };
}
