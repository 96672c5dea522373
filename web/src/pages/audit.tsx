import { Fragment } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import {
  api,
  AUDIT_OUTCOMES,
  type AuditActor,
  type AuditAnomalies,
  type AuditAnomaly,
  type AuditCheckpointPage,
  type AuditEntryView,
  type AuditFacets,
  type AuditIntegrity,
  type AuditPage,
  type AuditVerification,
} from '../api.ts';
import type { RouteParams } from '../app.tsx';
import {
  actionLabel,
  type AuditFilters,
  auditFiltersFrom,
  auditQuery,
  beforeFrom,
  formatHour,
  formatLocalDay,
  formatMoment,
  fromLocalInput,
  hasFilters,
  localDay,
  logAddress,
  NO_FILTERS,
  shortId,
  toLocalInput,
} from '../audit.ts';
import { countryName } from '../countries.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/index.tsx';
import { navigate, useLocation } from '../router.ts';
import { pluralKey, spaceName, UUID } from '../spaces.ts';
import { Badge, ErrorAlert, type FormError, groupsOfFour, Notice, Page, SelectField, TextField, toFormError } from '../ui.tsx';

/**
 * The auditor's console: the log with its filters, a timeline per person, the integrity of the
 * chain and the anomalies. Auditors see metadata only; these screens show nothing else.
 */

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
type Tab = 'log' | 'integrity' | 'anomalies';

function AuditTabs({ current }: { current: Tab }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const tabs: [Tab, string, string][] = [
    ['log', '/audit', t('audit.logTab')],
    ['integrity', '/audit/integrity', t('audit.integrityTab')],
    ['anomalies', '/audit/anomalies', t('audit.anomaliesTab')],
  ];
  return (
    <nav class="tabs audit-tabs" aria-label={t('audit.sections')}>
      {tabs.map(([tab, href, label]) => (
        <a key={tab} href={href} aria-current={tab !== current ? undefined : path === href ? 'page' : 'true'}>
          {label}
        </a>
      ))}
    </nav>
  );
}

/** Runs a GET whenever its path changes (another filter, another page); an answer to an earlier one is dropped. */
function useFetch<T>(path: string | null) {
  const { t } = useI18n();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  useEffect(() => {
    if (!path) return;
    setError(null);
    let current = true;
    api<T>('GET', path).then(
      (result) => {
        if (current) setData(result);
      },
      (err: unknown) => {
        if (current) setError(toFormError(err, t));
      },
    );
    return () => {
      current = false;
    };
  }, [path]);
  return { data, setData, error };
}

function Loading({ text }: { text: string }) {
  return (
    <p class="loading" role="status">
      {text}
    </p>
  );
}

const Empty = () => <span class="muted">—</span>;

/** The outcome in words; a refusal or failure also shows the server's code for it (invalid_credentials, forbidden…). */
function Outcome({ entry }: { entry: AuditEntryView }) {
  const { t } = useI18n();
  const code = entry.outcome !== 'allowed' && typeof entry.details['code'] === 'string' ? entry.details['code'] : null;
  return (
    <>
      <Badge tone={`outcome-${entry.outcome}`}>{t(`auditOutcome.${entry.outcome}`)}</Badge>
      {code ? <span class="entry-code">{code}</span> : null}
    </>
  );
}

function CountryCode({ code }: { code: string | null }) {
  const { t, lang } = useI18n();
  if (!code) return null;
  return (
    <abbr class="code-tag" title={countryName(code, lang, t)}>
      {code}
    </abbr>
  );
}

/** A person in the log: their name, leading to their timeline, and their country at the time. */
function ActorCell({ actor, country }: { actor: AuditActor | null; country: string | null }) {
  const { t } = useI18n();
  return (
    <td class="cell-actor">
      {actor ? <a href={`/audit/users/${actor.id}`}>{actor.displayName}</a> : <span class="muted">{t('audit.noActor')}</span>}{' '}
      <CountryCode code={country ?? actor?.country ?? null} />
    </td>
  );
}

function EntryDetails({ entry }: { entry: AuditEntryView }) {
  const { t } = useI18n();
  const details = Object.keys(entry.details).length ? JSON.stringify(entry.details, null, 2) : null;
  return (
    <dl class="facts entry-facts">
      <dt>{t('audit.entry')}</dt>
      <dd>{entry.seq}</dd>
      <dt>{t('audit.requestId')}</dt>
      <dd>{entry.requestId ? <span class="mono">{entry.requestId}</span> : <Empty />}</dd>
      <dt>{t('audit.userAgent')}</dt>
      <dd>{entry.userAgent ?? <Empty />}</dd>
      {entry.subjectId ? (
        <>
          <dt>{t('audit.subjectFull')}</dt>
          <dd>
            <span class="mono">
              {entry.subjectType} {entry.subjectId}
            </span>{' '}
            · <a href={logAddress({ ...NO_FILTERS, subject: entry.subjectId })}>{t('audit.sameSubject')}</a>
          </dd>
        </>
      ) : null}
      <dt>{t('audit.hash')}</dt>
      <dd class="mono">{entry.hash}</dd>
      <dt>{t('audit.detailsJson')}</dt>
      <dd>{details ? <pre class="json">{details}</pre> : <span class="muted">{t('audit.noDetails')}</span>}</dd>
    </dl>
  );
}

/**
 * Entries as a dense table, one row each; "Details" opens a row beneath with the request id,
 * user agent, hash and details. In a timeline the person is the page's, so their column goes.
 */
function EntriesTable({ entries, caption, describedBy, timeline = false }: { entries: AuditEntryView[]; caption: string; describedBy?: string; timeline?: boolean }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const baseId = useId();
  const columns = timeline ? 8 : 9;
  const toggle = (seq: number) =>
    setOpen((shown) => {
      const next = new Set(shown);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  return (
    <div class="table-wrap panel panel-flush">
      <table class="table table-dense audit-table" aria-describedby={describedBy}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="cell-num">
              {t('audit.seq')}
            </th>
            <th scope="col">{t('audit.time')}</th>
            {timeline ? null : <th scope="col">{t('audit.user')}</th>}
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.outcome')}</th>
            <th scope="col">{t('audit.subjectColumn')}</th>
            <th scope="col">{t('audit.space')}</th>
            <th scope="col">{t('audit.address')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('audit.details')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const shown = open.has(entry.seq);
            const detailsId = `${baseId}-${entry.seq}`;
            return (
              <Fragment key={entry.seq}>
                <tr class={`entry entry-${entry.outcome}${shown ? ' entry-open' : ''}`}>
                  <th scope="row" class="cell-num">
                    {entry.seq}
                  </th>
                  <td class="cell-time">
                    <time dateTime={entry.at}>{formatMoment(entry.at, lang, timeline ? 'time' : 'both')}</time>
                  </td>
                  {timeline ? null : <ActorCell actor={entry.actor} country={entry.actorCountry} />}
                  <td>
                    <span title={entry.action}>{actionLabel(entry.action, t)}</span>
                    {entry.purpose ? <span class="entry-purpose">{t('audit.purpose', { purpose: entry.purpose })}</span> : null}
                  </td>
                  <td>
                    <Outcome entry={entry} />
                  </td>
                  <td class="cell-subject">
                    {entry.subjectType ? (
                      <span class="mono">
                        {entry.subjectType}
                        {entry.subjectId ? (
                          <>
                            {' '}
                            <span class="muted" title={entry.subjectId}>
                              {shortId(entry.subjectId)}
                            </span>
                          </>
                        ) : null}
                      </span>
                    ) : (
                      <Empty />
                    )}
                  </td>
                  <td class="cell-space">{entry.space ? spaceName(lang, entry.space) : <Empty />}</td>
                  <td>{entry.clientAddress ? <span class="mono">{entry.clientAddress}</span> : <Empty />}</td>
                  <td class="cell-toggle">
                    <button
                      type="button"
                      class="button-link"
                      aria-expanded={shown}
                      aria-controls={detailsId}
                      aria-label={t('audit.detailsOf', { seq: entry.seq })}
                      onClick={() => toggle(entry.seq)}
                    >
                      {t('audit.details')}
                    </button>
                  </td>
                </tr>
                <tr id={detailsId} class="entry-details" hidden={!shown}>
                  <td colSpan={columns}>{shown ? <EntryDetails entry={entry} /> : null}</td>
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The banner a broken chain puts above the log: nobody should read the log without knowing. */
function BrokenChain({ verification, link }: { verification: AuditVerification; link: boolean }) {
  const { t } = useI18n();
  const seq = verification.firstBad ?? verification.throughSeq;
  return (
    <div class="alert alert-error alert-broken" role="alert">
      {link ? (
        <p>
          <strong>{t('audit.brokenBanner', { seq })}</strong> <a href="/audit/integrity">{t('audit.brokenLink')}</a>
        </p>
      ) : (
        <>
          <h2>{t('integrity.brokenTitle', { seq })}</h2>
          <p>{t('integrity.brokenText', { seq })}</p>
          {verification.reason ? <p>{t('integrity.reason', { reason: verification.reason })}</p> : null}
        </>
      )}
    </div>
  );
}

// --- The log.

interface Draft {
  actor: string;
  space: string;
  action: string;
  outcome: string;
  from: string;
  to: string;
  subject: string;
}

const draftFrom = (f: AuditFilters): Draft => ({ ...f, from: toLocalInput(f.from), to: toLocalInput(f.to) });

/** The draft as filters, or the first problem with it. */
function checkDraft(draft: Draft, t: Translate): AuditFilters | FormError {
  const from = fromLocalInput(draft.from);
  if (from === null) return { message: t('audit.badTime', { field: t('audit.from') }), field: 'from' };
  const to = fromLocalInput(draft.to, true);
  if (to === null) return { message: t('audit.badTime', { field: t('audit.to') }), field: 'to' };
  if (from && to && to < from) return { message: t('audit.toBeforeFrom'), field: 'to' };
  const outcome = (AUDIT_OUTCOMES as string[]).includes(draft.outcome) ? (draft.outcome as AuditFilters['outcome']) : '';
  return { ...draft, outcome, from, to, subject: draft.subject.trim() };
}

export function AuditLogPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const search = query.toString();
  const applied = auditFiltersFrom(query);
  const before = beforeFrom(query);
  const apiQuery = auditQuery(applied, { before, limit: 50 }).toString();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(applied));
  const [formError, setFormError] = useState<FormError | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const facets = useFetch<AuditFacets>('/api/audit/facets');
  const integrity = useFetch<AuditIntegrity>('/api/audit/integrity');
  const log = useFetch<AuditPage>(`/api/audit?${apiQuery}`);
  const resultsId = useId();
  const exportHintId = useId();

  useEffect(() => {
    setDraft(draftFrom(applied));
    setFormError(null);
  }, [search]);
  useEffect(() => {
    if (formError?.field) form.current?.querySelector<HTMLElement>(`[name="${formError.field}"]`)?.focus();
  }, [formError]);

  const set = (name: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const fieldProps = (name: string) => (formError?.field === name ? { invalid: true, describedBy: `${resultsId}-error` } : {});
  const filtered = hasFilters(applied);
  const page = log.data;
  const broken = integrity.data?.lastVerification?.ok === false ? integrity.data.lastVerification : null;

  const actors = [...(facets.data?.actors ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName, lang));
  const spaces = [...(facets.data?.spaces ?? [])].sort((a, b) => spaceName(lang, a).localeCompare(spaceName(lang, b), lang));
  const actions = [...(facets.data?.actions ?? [])].sort((a, b) => actionLabel(a, t).localeCompare(actionLabel(b, t), lang));
  // A shared link may name a choice this list no longer has: it is still offered, as it is.
  const extra = (value: string, known: boolean) => (value && !known ? <option value={value}>{value}</option> : null);

  return (
    <Page title={t('audit.title')} lead={t('audit.lead')}>
      <AuditTabs current="log" />
      {broken ? <BrokenChain verification={broken} link /> : null}
      <form
        ref={form}
        class="panel filters filters-dense filters-log"
        role="search"
        aria-label={t('audit.filters')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const checked = checkDraft(draft, t);
          if ('message' in checked) {
            setFormError(checked);
            return;
          }
          setFormError(null);
          navigate(logAddress(checked));
        }}
      >
        <SelectField label={t('audit.actor')} name="actor" value={draft.actor} onValue={set('actor')}>
          <option value="">{t('audit.anyActor')}</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.displayName} ({a.email})
            </option>
          ))}
          {extra(draft.actor, actors.some((a) => a.id === draft.actor))}
        </SelectField>
        <SelectField label={t('audit.space')} name="space" value={draft.space} onValue={set('space')}>
          <option value="">{t('audit.anySpace')}</option>
          {spaces.map((s) => (
            <option key={s.id} value={s.id}>
              {spaceName(lang, s)}
            </option>
          ))}
          {extra(draft.space, spaces.some((s) => s.id === draft.space))}
        </SelectField>
        <SelectField label={t('audit.action')} name="action" value={draft.action} onValue={set('action')}>
          <option value="">{t('audit.anyAction')}</option>
          {actions.map((code) => (
            <option key={code} value={code}>
              {actionLabel(code, t)}
            </option>
          ))}
          {extra(draft.action, actions.includes(draft.action))}
        </SelectField>
        <SelectField label={t('audit.outcome')} name="outcome" value={draft.outcome} onValue={set('outcome')}>
          <option value="">{t('audit.anyOutcome')}</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`auditOutcome.${o}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('audit.from')} name="from" type="datetime-local" value={draft.from} onValue={set('from')} {...fieldProps('from')} />
        <TextField label={t('audit.to')} name="to" type="datetime-local" value={draft.to} onValue={set('to')} {...fieldProps('to')} />
        <TextField label={t('audit.subject')} name="subject" value={draft.subject} onValue={set('subject')} maxLength={200} />
        <div class="filters-actions">
          <button type="submit" class="button button-secondary">
            {t('audit.apply')}
          </button>
          {filtered ? <a href="/audit">{t('audit.clear')}</a> : null}
        </div>
      </form>
      <ErrorAlert error={formError ?? log.error} id={`${resultsId}-error`} />
      {!page ? (
        log.error ? null : (
          <Loading text={t('audit.loading')} />
        )
      ) : (
        <>
          <div class="results-bar">
            <p class="results-count" id={resultsId} role="status">
              {page.entries.length
                ? t(pluralKey(lang, 'audit.count', page.entries.length), {
                    count: page.entries.length,
                    newest: page.entries[0]!.seq,
                    oldest: page.entries[page.entries.length - 1]!.seq,
                  })
                : ''}
            </p>
            <p class="results-export">
              <a href={`/api/audit/export?${auditQuery(applied)}`} download="" aria-describedby={exportHintId}>
                {t('audit.export')}
              </a>
              <span id={exportHintId} class="visually-hidden">
                {t('audit.exportHint')}
              </span>
            </p>
          </div>
          {page.entries.length === 0 ? (
            <p class="panel muted">{filtered || before ? t('audit.noMatch') : t('audit.none')}</p>
          ) : (
            <EntriesTable entries={page.entries} caption={t('audit.title')} describedBy={resultsId} />
          )}
          <LogPager newest={before ? logAddress(applied) : null} older={page.nextBefore ? logAddress(applied, page.nextBefore) : null} label={t('audit.pagination')} />
        </>
      )}
    </Page>
  );
}

function LogPager({ newest, older, label }: { newest: string | null; older: string | null; label: string }) {
  const { t } = useI18n();
  if (!newest && !older) return null;
  return (
    <nav class="pager" aria-label={label}>
      {newest ? <a href={newest}>{t('audit.newest')}</a> : null}
      {older ? (
        <a href={older} rel="next">
          {t('audit.older')}
        </a>
      ) : null}
    </nav>
  );
}

// --- A person's timeline.

export function AuditUserPage({ params }: { params: RouteParams }) {
  const { t, lang } = useI18n();
  const userId = (params.userId ?? '').toLowerCase();
  const valid = UUID.test(userId);
  const { query } = useLocation();
  const before = beforeFrom(query);
  const log = useFetch<AuditPage>(valid ? `/api/audit?${auditQuery({ ...NO_FILTERS, actor: userId }, { before, limit: 100 })}` : null);
  const facets = useFetch<AuditFacets>(valid ? '/api/audit/facets' : null);
  const anomalies = useFetch<AuditAnomalies>(valid ? '/api/audit/anomalies' : null);

  const person = facets.data?.actors.find((a) => a.id === userId) ?? log.data?.entries.find((e) => e.actor)?.actor ?? null;
  const title = person ? t('timeline.title', { name: person.displayName }) : t('timeline.unknown');
  const mine = anomalies.data?.anomalies.filter((a) => a.actor?.id === userId) ?? null;

  // Newest first, one group per calendar day of the reader.
  const days: [string, AuditEntryView[]][] = [];
  for (const entry of log.data?.entries ?? []) {
    const day = localDay(entry.at);
    const last = days[days.length - 1];
    if (last && last[0] === day) last[1].push(entry);
    else days.push([day, [entry]]);
  }
  const address = `/audit/users/${userId}`;

  if (!valid) {
    return (
      <Page title={t('timeline.unknown')}>
        <AuditTabs current="log" />
        <p class="panel muted">{t('timeline.none')}</p>
      </Page>
    );
  }
  return (
    <Page
      title={title}
      lead={
        person ? (
          <>
            {person.email} · {countryName(person.country, lang, t)} <CountryCode code={person.country} />
          </>
        ) : (
          t('timeline.lead')
        )
      }
    >
      <AuditTabs current="log" />
      <p class="page-actions">
        <a href={logAddress({ ...NO_FILTERS, actor: userId })}>{t('timeline.inLog')}</a>
      </p>
      <section class="timeline-anomalies" aria-labelledby="timeline-anomalies">
        <h2 id="timeline-anomalies">{t('timeline.anomalies')}</h2>
        <ErrorAlert error={anomalies.error} />
        {mine === null ? null : mine.length ? (
          <AnomaliesTable anomalies={mine} caption={t('timeline.anomalies')} showWho={false} />
        ) : (
          <p class="muted">{t('timeline.noAnomalies')}</p>
        )}
      </section>
      <ErrorAlert error={log.error} />
      {!log.data ? (
        log.error ? null : (
          <Loading text={t('timeline.loading')} />
        )
      ) : log.data.entries.length === 0 ? (
        <p class="panel muted">{before ? t('audit.noMatch') : t('timeline.none')}</p>
      ) : (
        days.map(([day, entries]) => (
          <section key={day} class="timeline-day" aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`}>
              <time dateTime={day}>{formatLocalDay(day, lang)}</time>{' '}
              <span class="count muted">{t(pluralKey(lang, 'timeline.day', entries.length), { count: entries.length })}</span>
            </h2>
            <EntriesTable entries={entries} caption={formatLocalDay(day, lang)} timeline />
          </section>
        ))
      )}
      {log.data ? (
        <LogPager
          newest={before ? address : null}
          older={log.data.nextBefore ? `${address}?before=${log.data.nextBefore}` : null}
          label={t('timeline.pagination')}
        />
      ) : null}
    </Page>
  );
}

// --- Integrity of the chain.

export function AuditIntegrityPage() {
  const { t, lang } = useI18n();
  const integrity = useFetch<AuditIntegrity>('/api/audit/integrity');
  const [checkpoints, setCheckpoints] = useState<AuditCheckpointPage | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<FormError | null>(null);
  const [justVerified, setJustVerified] = useState<AuditVerification | null>(null);
  const [moreError, setMoreError] = useState<FormError | null>(null);

  useEffect(() => {
    api<AuditCheckpointPage>('GET', '/api/audit/checkpoints?limit=10').then(setCheckpoints, (err: unknown) => setMoreError(toFormError(err, t)));
  }, []);

  const verify = () => {
    if (verifying) return;
    setVerifying(true);
    setVerifyError(null);
    setJustVerified(null);
    api<AuditVerification>('POST', '/api/audit/verify')
      .then(async (result) => {
        setJustVerified(result);
        integrity.setData((known) => (known ? { ...known, lastVerification: result } : known));
        // The head has moved on since the page opened (the verification itself is an entry).
        const fresh = await api<AuditIntegrity>('GET', '/api/audit/integrity').catch(() => null);
        if (fresh) integrity.setData({ ...fresh, lastVerification: result });
      })
      .catch((err: unknown) => setVerifyError(toFormError(err, t)))
      .finally(() => setVerifying(false));
  };

  const older = () => {
    if (!checkpoints?.nextBefore) return;
    setMoreError(null);
    api<AuditCheckpointPage>('GET', `/api/audit/checkpoints?before=${checkpoints.nextBefore}&limit=10`).then(
      (page) => setCheckpoints({ checkpoints: [...checkpoints.checkpoints, ...page.checkpoints], nextBefore: page.nextBefore }),
      (err: unknown) => setMoreError(toFormError(err, t)),
    );
  };

  const state = integrity.data;
  const last = state?.lastVerification ?? null;
  return (
    <Page title={t('integrity.title')} lead={t('integrity.lead')}>
      <AuditTabs current="integrity" />
      <ErrorAlert error={integrity.error} />
      {!state ? (
        integrity.error ? null : (
          <Loading text={t('integrity.loading')} />
        )
      ) : (
        <>
          {last && !last.ok ? <BrokenChain verification={last} link={false} /> : null}
          <section class="panel" aria-labelledby="integrity-state">
            <h2 id="integrity-state">{t('integrity.state')}</h2>
            <dl class="facts integrity-facts">
              <dt>{t('integrity.head')}</dt>
              <dd>{state.head ? t('integrity.entryAt', { seq: state.head.seq, time: formatMoment(state.head.at, lang) }) : t('integrity.empty')}</dd>
              <dt>{t('integrity.checkpoint')}</dt>
              <dd>
                {state.lastCheckpoint ? (
                  <>
                    {t('integrity.entryAt', { seq: state.lastCheckpoint.seq, time: formatMoment(state.lastCheckpoint.at, lang) })}{' '}
                    <code title={state.lastCheckpoint.hash}>{shortId(state.lastCheckpoint.hash, 16)}</code>
                  </>
                ) : (
                  <span class="muted">{t('integrity.noCheckpoint')}</span>
                )}
              </dd>
              <dt>{t('integrity.verification')}</dt>
              <dd class="verification">
                {last ? (
                  <>
                    {last.ok ? (
                      <Badge tone="outcome-allowed">{t('integrity.ok', { seq: last.throughSeq })}</Badge>
                    ) : (
                      <Badge tone="outcome-broken">{t('integrity.broken', { seq: last.firstBad ?? last.throughSeq })}</Badge>
                    )}{' '}
                    <time dateTime={last.at}>{formatMoment(last.at, lang)}</time>
                    {!last.ok && last.reason ? <span class="verification-reason">{t('integrity.reason', { reason: last.reason })}</span> : null}
                  </>
                ) : (
                  <span class="muted">{t('integrity.never')}</span>
                )}
              </dd>
              <dt>{t('integrity.fingerprint')}</dt>
              <dd>
                <code class="fingerprint-value">{groupsOfFour(state.fingerprint)}</code>
              </dd>
            </dl>
            <ErrorAlert error={verifyError} />
            {justVerified?.ok ? <Notice>{t('integrity.verified', { time: formatMoment(justVerified.at, lang), seq: justVerified.throughSeq })}</Notice> : null}
            <div class="actions">
              <button type="button" class="button" aria-disabled={verifying ? 'true' : undefined} aria-describedby="verify-hint" onClick={verify}>
                {t('integrity.verify')}
              </button>
              <a href="/api/audit/public-key" download="">
                {t('integrity.publicKey')}
              </a>
            </div>
            <p class="hint verify-hint" id="verify-hint">
              {t('integrity.verifyHint')}
            </p>
          </section>
          <section class="panel panel-flush checkpoints" aria-labelledby="integrity-checkpoints">
            <h2 id="integrity-checkpoints">{t('integrity.checkpoints')}</h2>
            <ErrorAlert error={moreError} />
            {!checkpoints ? null : checkpoints.checkpoints.length === 0 ? (
              <p class="muted">{t('integrity.noCheckpoints')}</p>
            ) : (
              <div class="table-wrap">
                <table class="table table-dense">
                  <caption class="visually-hidden">{t('integrity.checkpoints')}</caption>
                  <thead>
                    <tr>
                      <th scope="col" class="cell-num">
                        {t('integrity.cpEntry')}
                      </th>
                      <th scope="col">{t('integrity.cpTime')}</th>
                      <th scope="col">{t('integrity.cpHash')}</th>
                      <th scope="col">{t('integrity.cpKey')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {checkpoints.checkpoints.map((cp) => (
                      <tr key={cp.seq}>
                        <th scope="row" class="cell-num">
                          {cp.seq}
                        </th>
                        <td class="cell-time">
                          <time dateTime={cp.at}>{formatMoment(cp.at, lang)}</time>
                        </td>
                        <td class="mono cell-hash">{cp.hash}</td>
                        <td class="mono" title={cp.fingerprint}>
                          {shortId(cp.fingerprint, 16)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {checkpoints?.nextBefore ? (
              <p class="more">
                <button type="button" class="button button-secondary button-small" onClick={older}>
                  {t('integrity.moreCheckpoints')}
                </button>
              </p>
            ) : null}
          </section>
        </>
      )}
    </Page>
  );
}

// --- Anomalies.

function AnomaliesTable({ anomalies, caption, showWho = true }: { anomalies: AuditAnomaly[]; caption: string; showWho?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <div class="table-wrap panel panel-flush">
      <table class="table table-dense">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('anomalies.kind')}</th>
            {showWho ? <th scope="col">{t('anomalies.who')}</th> : null}
            <th scope="col">{t('anomalies.hour')}</th>
            <th scope="col" class="cell-num">
              {t('anomalies.count')}
            </th>
            <th scope="col" class="cell-num">
              {t('anomalies.threshold')}
            </th>
          </tr>
        </thead>
        <tbody>
          {anomalies.map((a, i) => (
            <tr key={`${a.kind}-${a.at}-${a.actor?.id ?? a.clientAddress ?? i}`}>
              <th scope="row" class="cell-kind">
                {t(`anomalyKind.${a.kind}`)}
              </th>
              {showWho ? (
                a.actor ? (
                  <ActorCell actor={a.actor} country={a.actor.country} />
                ) : (
                  <td>{a.clientAddress ? <span class="mono">{a.clientAddress}</span> : <Empty />}</td>
                )
              ) : null}
              <td class="cell-time">
                <time dateTime={a.at}>{formatHour(a.at, lang)}</time>
              </td>
              <td class="cell-num">
                <strong>{a.count}</strong>
              </td>
              <td class="cell-num">{formatThreshold(a, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An unusual hour is measured against a share of the person's activity; the others against counts. */
function formatThreshold(a: AuditAnomaly, lang: string): string {
  if (a.threshold > 0 && a.threshold < 1) return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(a.threshold);
  return new Intl.NumberFormat(lang).format(a.threshold);
}

export function AuditAnomaliesPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const search = query.toString();
  const from = auditFiltersFrom(query).from;
  const to = auditFiltersFrom(query).to;
  const period = auditQuery({ ...NO_FILTERS, from, to }).toString();
  const result = useFetch<AuditAnomalies>(`/api/audit/anomalies${period ? `?${period}` : ''}`);
  const [draft, setDraft] = useState({ from: toLocalInput(from), to: toLocalInput(to) });
  const [formError, setFormError] = useState<FormError | null>(null);
  const errorId = useId();
  const countId = useId();
  useEffect(() => {
    setDraft({ from: toLocalInput(from), to: toLocalInput(to) });
    setFormError(null);
  }, [search]);

  const data = result.data;
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(lang);
  const fieldProps = (name: string) => (formError?.field === name ? { invalid: true, describedBy: errorId } : {});
  return (
    <Page title={t('anomalies.title')} lead={t('anomalies.lead')}>
      <AuditTabs current="anomalies" />
      <form
        class="panel filters filters-dense filters-period"
        aria-label={t('anomalies.period')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const checked = checkDraft({ ...NO_FILTERS, ...draft }, t);
          if ('message' in checked) {
            setFormError(checked);
            (e.currentTarget as HTMLFormElement).querySelector<HTMLElement>(`[name="${checked.field}"]`)?.focus();
            return;
          }
          const next = auditQuery({ ...NO_FILTERS, from: checked.from, to: checked.to }).toString();
          navigate(next ? `/audit/anomalies?${next}` : '/audit/anomalies');
        }}
      >
        <TextField label={t('audit.from')} name="from" type="datetime-local" value={draft.from} onValue={(v) => setDraft((d) => ({ ...d, from: v }))} {...fieldProps('from')} />
        <TextField label={t('audit.to')} name="to" type="datetime-local" value={draft.to} onValue={(v) => setDraft((d) => ({ ...d, to: v }))} {...fieldProps('to')} />
        <div class="filters-actions">
          <button type="submit" class="button button-secondary">
            {t('anomalies.show')}
          </button>
          {from || to ? <a href="/audit/anomalies">{t('anomalies.lastWeek')}</a> : <span class="muted">{t('anomalies.periodHint')}</span>}
        </div>
      </form>
      {data ? (
        <section class="thresholds" aria-labelledby="anomaly-thresholds">
          <h2 id="anomaly-thresholds">{t('anomalies.thresholds')}</h2>
          <dl>
            <div>
              <dt>{t('anomalies.readsPerHour')}</dt>
              <dd>{number.format(data.thresholds.readsPerHour)}</dd>
            </div>
            <div>
              <dt>{t('anomalies.denialsPerHour')}</dt>
              <dd>{number.format(data.thresholds.denialsPerHour)}</dd>
            </div>
            <div>
              <dt>{t('anomalies.unusualHourShare')}</dt>
              <dd>{percent.format(data.thresholds.unusualHourShare)}</dd>
            </div>
            <div>
              <dt>{t('anomalies.minHistory')}</dt>
              <dd>{number.format(data.thresholds.minHistory)}</dd>
            </div>
          </dl>
        </section>
      ) : null}
      <ErrorAlert error={formError ?? result.error} id={errorId} />
      {!data ? (
        result.error ? null : (
          <Loading text={t('anomalies.loading')} />
        )
      ) : (
        <>
          <p class="results-count" id={countId} role="status">
            {t(pluralKey(lang, 'anomalies.total', data.anomalies.length), { count: data.anomalies.length })}
          </p>
          {data.anomalies.length === 0 ? (
            <p class="panel muted">{t('anomalies.none')}</p>
          ) : (
            <AnomaliesTable anomalies={data.anomalies} caption={t('anomalies.title')} />
          )}
        </>
      )}
    </Page>
  );
}
