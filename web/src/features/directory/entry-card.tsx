import { useId, useState } from 'preact/hooks';
import { countryName } from '../../lib/countries.ts';
import { formatDate } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useAction } from '../../ui/dialog.tsx';
import { Options, SelectField } from '../../ui/fields.tsx';
import { ErrorAlert, Notice } from '../../ui/form.tsx';
import { Badge } from '../../ui/values.tsx';
import { appointSubstitute, CONTACT_KINDS, confirmEntry, type Entry } from './api.ts';
import { EntryForm } from './entry-form.tsx';

/** A language's name in the reader's language (its code when the browser does not know it). */
const languageName = (code: string, lang: string) => {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** A number as a tel: link (null: nothing to show). */
const phone = (number: string | null) => (number ? <a href={`tel:${number.replace(/[^+0-9]/g, '')}`}>{number}</a> : null);

/** One country's entry: what it says, and what the reader may do with it (edit, confirm, appoint). */
export function EntryCard({ entry, onChange }: { entry: Entry; onChange: (entry: Entry) => void }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const country = countryName(entry.country, lang, t);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const [candidate, setCandidate] = useState('');
  const done = (message: string) => (next: Entry) => {
    onChange(next);
    setNotice(message);
  };
  const person = (p: Entry['contactPoint']) =>
    p ? (
      <>
        {p.displayName} · <a href={`mailto:${p.email}`}>{p.email}</a>
      </>
    ) : (
      <span class="muted">{t('directory.none')}</span>
    );
  const rows: [string, preact.ComponentChildren][] = [
    [t('directory.contactPoint'), person(entry.contactPoint)],
    [t('directory.substitute'), person(entry.substitute)],
    [t('directory.organisation'), entry.organisation],
    [t('directory.officePhone'), phone(entry.officePhone)],
    [t('directory.mobilePhone'), phone(entry.mobilePhone)],
    [t('directory.line24h'), phone(entry.line24h)],
    [t('directory.languages'), entry.languages.map((l) => languageName(l, lang)).join(', ')],
  ];
  return (
    <section class={editing ? 'panel directory-entry directory-entry-editing' : 'panel directory-entry'} aria-labelledby={headingId} role="listitem">
      <header class="directory-entry-head">
        <h2 id={headingId}>{country}</h2>
        {entry.unconfirmed ? (
          <Badge tone="due-soon">
            <span title={t('directory.staleText')}>{t('directory.stale')}</span>
          </Badge>
        ) : null}
      </header>
      <dl class="directory-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value || <span class="muted">—</span>}</dd>
          </div>
        ))}
        <div>
          <dt>{t('directory.lastConfirmed')}</dt>
          <dd>
            {entry.confirmedAt
              ? t('directory.confirmedBy', { date: formatDate(entry.confirmedAt, lang), name: entry.confirmedBy ?? '' })
              : t('directory.neverConfirmed')}
            {entry.unconfirmed ? <span class="visually-hidden"> ({t('directory.staleText')})</span> : null}
          </dd>
        </div>
      </dl>
      <h3>{t('directory.contacts')}</h3>
      {entry.contacts.length === 0 ? (
        <p class="muted">{t('directory.noContacts')}</p>
      ) : (
        CONTACT_KINDS.filter((k) => entry.contacts.some((c) => c.kind === k)).map((kind) => (
          <div key={kind} class="directory-contacts">
            <h4>{t(`directory.kind.${kind}`)}</h4>
            <ul>
              {entry.contacts
                .filter((c) => c.kind === kind)
                .map((c, i) => (
                  <li key={`${kind}-${i}`}>
                    <strong>{c.name}</strong>
                    {c.title ? `, ${c.title}` : ''}
                    {c.organisation ? ` (${c.organisation})` : ''}
                    {c.email ? (
                      <>
                        {' · '}
                        <a href={`mailto:${c.email}`}>{c.email}</a>
                      </>
                    ) : null}
                    {c.phone ? <> · {phone(c.phone)}</> : null}
                    {c.mobile ? <> · {phone(c.mobile)}</> : null}
                  </li>
                ))}
            </ul>
          </div>
        ))
      )}
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorAlert error={action.error} />
      {editing ? (
        <EntryForm
          entry={entry}
          country={country}
          onDone={(next) => {
            setEditing(false);
            if (next) done(t('directory.saved', { country }))(next);
          }}
        />
      ) : entry.permissions.update || entry.permissions.confirm ? (
        <div class="actions no-print">
          {entry.permissions.update ? (
            <button
              type="button"
              class="button button-secondary"
              onClick={() => {
                setNotice(null);
                setEditing(true);
              }}
            >
              {t('directory.edit')}
            </button>
          ) : null}
          {entry.permissions.confirm ? (
            <button
              type="button"
              class="button"
              aria-disabled={action.busy ? 'true' : undefined}
              onClick={() => action.run(() => confirmEntry(entry.id), done(t('directory.confirmed', { country })))}
            >
              {t('directory.confirm')}
            </button>
          ) : null}
        </div>
      ) : null}
      {entry.permissions.appoint && !editing ? (
        entry.candidates.length === 0 ? (
          <p class="muted no-print">{t('directory.noCandidates')}</p>
        ) : (
          <form
            class="form form-inline no-print"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (candidate) action.run(() => appointSubstitute(entry.id, candidate), done(t('directory.appointed', { country })));
            }}
          >
            <SelectField
              label={t('directory.appointPerson')}
              name="substitute"
              hint={t('directory.appointHint')}
              value={candidate}
              onValue={setCandidate}
            >
              <Options items={entry.candidates} value={(c) => c.userId} label={(c) => c.displayName} empty={t('directory.appointChoose')} />
            </SelectField>
            <div class="actions">
              <button type="submit" class="button button-secondary" aria-disabled={action.busy || !candidate ? 'true' : undefined}>
                {t('directory.appoint')}
              </button>
            </div>
          </form>
        )
      ) : null}
    </section>
  );
}
