import { useId, useState } from 'preact/hooks';
import { categoryLabel, type Reference, specimenTitle } from '../../../items/reference.ts';
import { type Tlp, TlpBadge } from '../../../items/tlp.tsx';
import { countryName } from '../../../lib/countries.ts';
import { type FormError, toFormError } from '../../../lib/errors.ts';
import { UUID } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { TextAreaField } from '../../../ui/fields.tsx';
import { ErrorAlert } from '../../../ui/form.tsx';
import { findSpecimens, type LinkableSpecimen, ORGANISATION_TLPS } from '../api.ts';

const MAX_SPECIMENS = 20;

/** A specimen linked to the alert. */
export interface Linked {
  id: string;
  label: string;
  /** Known when picked from the search; a pasted id has none until the alert is saved. */
  tlp?: Tlp;
}

/** Linked specimens: found by keyword among those I may read, or pasted as ids. */
export function SpecimenPicker({
  linked,
  onLinked,
  invalid,
  errorId,
  reference,
}: {
  linked: Linked[];
  onLinked: (linked: Linked[]) => void;
  invalid: boolean;
  errorId: string;
  reference: Reference | null;
}) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ items: LinkableSpecimen[] } | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<FormError | null>(null);
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState<FormError | null>(null);
  const pasteErrorId = useId();
  const queryId = useId();
  const full = linked.length >= MAX_SPECIMENS;

  const search = () => {
    if (searching) return;
    setSearching(true);
    setSearchError(null);
    findSpecimens(q.trim()).then(
      (result) => {
        // An alert links what its audience may be given: published, CLEAR, GREEN or AMBER.
        setFound({ items: result.items.filter((card) => (ORGANISATION_TLPS as readonly string[]).includes(card.tlp)) });
        setSearching(false);
      },
      (err: unknown) => {
        setSearchError(toFormError(err, t));
        setSearching(false);
      },
    );
  };
  const add = (items: Linked[]) => {
    const next = [...linked];
    for (const item of items) if (!next.some((l) => l.id === item.id) && next.length < MAX_SPECIMENS) next.push(item);
    onLinked(next);
  };
  const addPasted = () => {
    const tokens = pasted.split(/[\s,;]+/).filter(Boolean);
    const bad = tokens.filter((token) => !UUID.test(token));
    if (bad.length) {
      setPasteError({ message: t('compose.notIds', { ids: bad.join(', ') }) });
      return;
    }
    setPasteError(null);
    add(tokens.map((id) => ({ id: id.toLowerCase(), label: id.toLowerCase().slice(0, 8) })));
    setPasted('');
  };

  return (
    <>
      <p class="hint">{t('compose.specimensLead', { max: MAX_SPECIMENS })}</p>
      {linked.length ? (
        <ul class="linked-list linked-chosen" aria-describedby={invalid ? errorId : undefined}>
          {linked.map((l) => (
            <li key={l.id}>
              {l.tlp ? (
                <>
                  <TlpBadge tlp={l.tlp} />{' '}
                </>
              ) : null}
              <span>{l.label}</span> <span class="code-tag">{l.id.slice(0, 8)}</span>{' '}
              <button type="button" class="button-link" onClick={() => onLinked(linked.filter((x) => x.id !== l.id))}>
                {t('upload.remove')}
                <span class="visually-hidden"> {l.label}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('compose.noSpecimens')}</p>
      )}
      <div class="search-form picker-search">
        <div class="field">
          <label for={queryId}>{t('compose.findSpecimens')}</label>
          <input
            id={queryId}
            type="search"
            name="specimenQuery"
            value={q}
            maxLength={200}
            autoComplete="off"
            onInput={(e) => setQ(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter searches here instead of sending the whole alert.
              if (e.key === 'Enter') {
                e.preventDefault();
                search();
              }
            }}
          />
        </div>
        <button type="button" class="button button-secondary" aria-disabled={searching ? 'true' : undefined} onClick={search}>
          {t('compose.findSubmit')}
        </button>
      </div>
      <ErrorAlert error={searchError} />
      {found ? (
        found.items.length === 0 ? (
          <p class="muted" role="status">
            {t('compose.noSpecimenFound')}
          </p>
        ) : (
          <ul class="pick-list picker-results" aria-label={t('compose.specimenResults')}>
            {found.items.map((card) => {
              const label = specimenTitle(reference, card, lang, t);
              const chosen = linked.some((l) => l.id === card.id);
              return (
                <li key={card.id}>
                  <label class="pick">
                    <input
                      type="checkbox"
                      name="specimenIds"
                      value={card.id}
                      checked={chosen}
                      disabled={full && !chosen}
                      onChange={(e) =>
                        e.currentTarget.checked ? add([{ id: card.id, label, tlp: card.tlp }]) : onLinked(linked.filter((l) => l.id !== card.id))
                      }
                    />
                    <span class="pick-text">
                      <span class="person-name">{label}</span>
                      <span class="picker-meta">
                        <TlpBadge tlp={card.tlp} /> {categoryLabel(reference, card.category, card.forgeryKind, lang)}
                        {card.series ? ` · ${card.series}` : ''} · {countryName(card.originatorCountry, lang, t)}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        )
      ) : null}
      <div class="picker-paste">
        <ErrorAlert error={pasteError} id={pasteErrorId} />
        <TextAreaField
          label={t('compose.pasteIds')}
          name="pastedIds"
          rows={2}
          value={pasted}
          onValue={setPasted}
          hint={t('compose.pasteIdsHint')}
          invalid={!!pasteError}
          describedBy={pasteError ? pasteErrorId : undefined}
        />
        <button
          type="button"
          class="button button-secondary button-small"
          onClick={addPasted}
          aria-disabled={full || !pasted.trim() ? 'true' : undefined}
        >
          {t('compose.addIds')}
        </button>
      </div>
    </>
  );
}
