import { useEffect, useState } from 'preact/hooks';
import { useReference } from '../../items/reference.ts';
import { StateSelect } from '../../items/states.tsx';
import { withQuery } from '../../lib/api.ts';
import { countryName, MEMBER_CODES, sortedMembers } from '../../lib/countries.ts';
import { formatDay } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField } from '../../ui/fields.tsx';
import { ErrorAlert, SearchForm } from '../../ui/form.tsx';
import { EmptyState, Loading, Page } from '../../ui/page.tsx';
import { Pager, pageCount } from '../../ui/pager.tsx';
import { Table } from '../../ui/table.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { type Cell, exportAddress, type Filters, fetchCells, type Permissions, REQUIREMENTS } from './api.ts';
import { CellForm, type Target } from './cell-form.tsx';
import { HistoryPanel, ImportPanel, ProposalsPanel } from './panels.tsx';
import { exceptionsIn, RequirementBadge } from './parts.tsx';

type View = 'destination' | 'nationality' | 'proposals';
type Open = Target | { mode: 'history'; destination: string; nationality: string } | null;

const PAGE_SIZE = 300;

/**
 * The entry-authorisation matrix: a member country's row (every nationality it has information on)
 * or a nationality's column (the eleven member countries, "no information" where a cell is unset),
 * filtered by requirement; a cell's history; the Secretariat's edit form, import and proposals to
 * decide; a contact point's proposal form for its own country. The view and filters are in the address.
 */
export function EntryRequirementsPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const { state } = useSession();
  const search = query.toString();
  useReference();
  const view: View = query.get('view') === 'nationality' ? 'nationality' : query.get('view') === 'proposals' ? 'proposals' : 'destination';
  const requirement = query.get('requirement') || undefined;
  // A member country's own row first; for everyone else, the first member country.
  const own = state.status === 'signedIn' && (MEMBER_CODES as readonly string[]).includes(state.user.country) ? state.user.country : MEMBER_CODES[0];
  const destination = query.get('destination') || (view === 'destination' ? own : undefined);
  const nationality = query.get('nationality') || undefined;
  const page = Math.max(1, Number(query.get('page')) || 1);
  const filters: Filters =
    view === 'nationality' ? { nationality: nationality ?? '', requirement, pageSize: 20 } : { destination, requirement, page, pageSize: PAGE_SIZE };
  const skip = view === 'proposals' || (view === 'nationality' && !nationality);
  const list = useResource(skip ? null : () => fetchCells(filters), [search]);
  const permissions = useResource(() => fetchCells({ pageSize: 1 }).then((p) => p.permissions), []);
  const [draft, setDraft] = useState({ destination: destination ?? '', nationality: nationality ?? '', requirement: requirement ?? '' });
  useEffect(() => setDraft({ destination: destination ?? '', nationality: nationality ?? '', requirement: requirement ?? '' }), [search]);
  const [open, setOpen] = useState<Open>(null);
  useEffect(() => setOpen(null), [view]);
  const may: Permissions = permissions.data ?? { update: false, import: false, decide: false, proposeFor: null };
  const address = (next: Record<string, string | number | undefined>) => withQuery('/entry-requirements', next);
  const reload = () => list.reload();

  const actions = (c: { destination: string; nationality: string }) => (
    <div class="actions actions-inline">
      <button type="button" class="button button-secondary button-small" onClick={() => setOpen({ mode: 'history', ...c })}>
        {t('entry.history')}
        <span class="visually-hidden"> {countryName(c.nationality, lang, t)}</span>
      </button>
      {may.update ? (
        <button type="button" class="button button-secondary button-small" onClick={() => setOpen({ mode: 'edit', ...c })}>
          {t('entry.edit')}
          <span class="visually-hidden"> {countryName(c.nationality, lang, t)}</span>
        </button>
      ) : may.proposeFor === c.destination ? (
        <button type="button" class="button button-secondary button-small" onClick={() => setOpen({ mode: 'propose', ...c })}>
          {t('entry.propose')}
          <span class="visually-hidden"> {countryName(c.nationality, lang, t)}</span>
        </button>
      ) : null}
    </div>
  );
  const details = (c: Cell | null) => (
    <>
      <td data-label={t('entry.requirementLabel')}>
        <RequirementBadge values={c} />
      </td>
      <td data-label={t('entry.exceptions')}>{c ? exceptionsIn(lang, c) : ''}</td>
      <td data-label={t('entry.legalSource')}>{c?.legalSource ?? ''}</td>
      <td data-label={t('entry.effectiveOn')}>{c?.effectiveOn ? formatDay(c.effectiveOn, lang, 'medium') : ''}</td>
    </>
  );
  const columns = (first: string) => [
    first,
    t('entry.requirementLabel'),
    t('entry.exceptions'),
    t('entry.legalSource'),
    t('entry.effectiveOn'),
    t('entry.actions'),
  ];
  const current =
    open && open.mode !== 'history'
      ? (list.data?.items.find((c) => c.destination === open.destination && c.nationality === open.nationality) ?? null)
      : null;

  return (
    <Page title={t('entry.title')} lead={t('entry.lead')}>
      <Tabs
        label={t('entry.views')}
        tabs={[
          ['/entry-requirements', t('entry.byDestination'), view === 'destination' ? 'page' : false],
          ['/entry-requirements?view=nationality', t('entry.byNationality'), view === 'nationality' ? 'page' : false],
          may.decide || may.proposeFor
            ? ['/entry-requirements?view=proposals', t('entry.proposalsTitle'), view === 'proposals' ? 'page' : false]
            : null,
        ]}
      />
      {view === 'proposals' ? (
        <ProposalsPanel decides={may.decide} onDecided={reload} />
      ) : (
        <>
          <SearchForm
            class="panel filters"
            label={t('entry.filters')}
            onSearch={() =>
              navigate(
                address({
                  view: view === 'nationality' ? 'nationality' : undefined,
                  destination: view === 'destination' ? draft.destination || undefined : undefined,
                  nationality: view === 'nationality' ? draft.nationality || undefined : undefined,
                  requirement: draft.requirement || undefined,
                }),
              )
            }
          >
            {view === 'destination' ? (
              <SelectField
                label={t('entry.destination')}
                name="destination"
                value={draft.destination}
                onValue={(v) => setDraft((d) => ({ ...d, destination: v }))}
              >
                <Options items={sortedMembers(lang, t)} value={(c) => c.code} label={(c) => c.name} />
              </SelectField>
            ) : (
              <StateSelect
                label={t('entry.nationality')}
                empty={t('entry.chooseNationality')}
                name="nationality"
                value={draft.nationality}
                onValue={(v) => setDraft((d) => ({ ...d, nationality: v }))}
                invalid={false}
              />
            )}
            <SelectField
              label={t('entry.requirementLabel')}
              name="requirement"
              value={draft.requirement}
              onValue={(v) => setDraft((d) => ({ ...d, requirement: v }))}
            >
              <Options items={REQUIREMENTS} label={(r) => t(`entry.requirement.${r}`)} empty={t('entry.anyRequirement')} />
            </SelectField>
            <div class="filters-actions">
              <button type="submit" class="button button-secondary">
                {t('entry.apply')}
              </button>
              <a class="button button-secondary" href={exportAddress(filters)} download="entry-requirements.csv">
                {t('entry.export')}
              </a>
            </div>
          </SearchForm>
          {may.update || may.proposeFor ? (
            <p class="actions">
              <button
                type="button"
                class="button"
                onClick={() =>
                  setOpen(
                    may.update
                      ? { mode: 'edit', destination: destination ?? '', nationality: '' }
                      : { mode: 'propose', destination: may.proposeFor ?? '', nationality: '' },
                  )
                }
              >
                {may.update ? t('entry.newCell') : t('entry.newProposal')}
              </button>
            </p>
          ) : null}
          <ErrorAlert error={list.error} />
          {view === 'nationality' && !nationality ? (
            <EmptyState title={t('entry.chooseNationalityTitle')} text={t('entry.chooseNationalityText')} />
          ) : !list.data ? (
            list.error ? null : (
              <Loading text={t('entry.loading')} />
            )
          ) : view === 'destination' ? (
            list.data.items.length === 0 ? (
              <EmptyState title={t('entry.emptyTitle')} text={may.update ? t('entry.emptyEdit') : t('entry.emptyText')} />
            ) : (
              <>
                <Table
                  caption={t('entry.rowCaption', { destination: countryName(destination ?? '', lang, t) })}
                  columns={columns(t('entry.nationality'))}
                  stack
                >
                  {list.data.items.map((c) => (
                    <tr key={c.nationality}>
                      <th scope="row">
                        {countryName(c.nationality, lang, t)} <span class="muted">{c.nationality}</span>
                      </th>
                      {details(c)}
                      <td>{actions(c)}</td>
                    </tr>
                  ))}
                </Table>
                <Pager
                  page={list.data.page}
                  pages={pageCount(list.data)}
                  address={(n) => address({ destination, requirement, page: n > 1 ? n : undefined })}
                  label={t('entry.pages')}
                />
              </>
            )
          ) : (
            <Table
              caption={t('entry.columnCaption', { nationality: countryName(nationality ?? '', lang, t) })}
              columns={columns(t('entry.destination'))}
              stack
            >
              {MEMBER_CODES.filter((code) => code !== nationality)
                .map((code) => ({ code, cell: list.data?.items.find((c) => c.destination === code) ?? null }))
                .filter(({ cell }) => !requirement || cell)
                .map(({ code, cell }) => (
                  <tr key={code}>
                    <th scope="row">{countryName(code, lang, t)}</th>
                    {details(cell)}
                    <td>{actions({ destination: code, nationality: nationality ?? '' })}</td>
                  </tr>
                ))}
            </Table>
          )}
          {open?.mode === 'history' ? <HistoryPanel destination={open.destination} nationality={open.nationality} /> : null}
          {open && open.mode !== 'history' ? (
            <CellForm
              key={`${open.mode}-${open.destination}-${open.nationality}`}
              target={open}
              current={current}
              // The cell's history then shows what the clearing removed.
              onCleared={(cell) => {
                setOpen({ mode: 'history', ...cell });
                reload();
              }}
              onDone={(cell) =>
                view === 'destination' && cell.destination !== destination
                  ? navigate(address({ destination: cell.destination, requirement }))
                  : reload()
              }
            />
          ) : null}
          {may.import ? <ImportPanel onImported={reload} /> : null}
        </>
      )}
    </Page>
  );
}
