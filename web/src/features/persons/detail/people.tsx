/**
 * What a record says of its people, shown only to a reader who stated a purpose (or its
 * originator): the detection, the person detected or each minor and adult of the group — names,
 * sex, date of birth, place, nationalities, documents — and the group's travel, indicators and
 * referral.
 */
import type { ComponentChildren } from 'preact';
import { specimenTitle, useReference } from '../../../items/reference.ts';
import { countryName } from '../../../lib/countries.ts';
import { formatDay } from '../../../lib/dates.ts';
import { pluralKey, useI18n } from '../../../lib/i18n/index.tsx';
import { Panel } from '../../../ui/panel.tsx';
import { Table } from '../../../ui/table.tsx';
import { Empty } from '../../../ui/values.tsx';
import type { Adult, Group, Individual, Minor, PersonLink, PersonView } from '../api.ts';
import { type PersonReference, term } from '../reference.tsx';

/** A date of birth as given: a full date in the reader's words, or a year alone. */
function BirthDate({ value }: { value: string | null | undefined }) {
  const { lang } = useI18n();
  if (!value) return <Empty />;
  return <>{value.length === 4 ? value : formatDay(value, lang)}</>;
}

export function DetectionPanel({ view, reference }: { view: PersonView; reference: PersonReference | null }) {
  const { t, lang } = useI18n();
  const d = view.detection;
  if (!d) return null;
  return (
    <Panel id="person-detection-title" title={t('person.detection')}>
      <dl class="facts">
        <dt>{t('person.detectedOn')}</dt>
        <dd>{formatDay(d.date, lang)}</dd>
        <dt>{t('person.detectionCountry')}</dt>
        <dd>{countryName(d.country, lang, t)}</dd>
        <dt>{t('personForm.port')}</dt>
        <dd>{d.port ?? <Empty />}</dd>
        <dt>{t('personForm.carrier')}</dt>
        <dd>{d.carrier ?? <Empty />}</dd>
        <dt>{t('personForm.route')}</dt>
        <dd>{d.route ?? <Empty />}</dd>
        {view.role ? (
          <>
            <dt>{t('person.role')}</dt>
            <dd>{term(reference, 'roles', view.role, lang)}</dd>
          </>
        ) : null}
        {view.outcome ? (
          <>
            <dt>{t('person.outcome')}</dt>
            <dd>{term(reference, 'outcomes', view.outcome, lang)}</dd>
          </>
        ) : null}
      </dl>
      {view.notes ? (
        <>
          <h3>{t('personForm.notes')}</h3>
          <p class="report-summary">{view.notes}</p>
        </>
      ) : null}
    </Panel>
  );
}

/** One person's facts; `extra` adds what the role brings (a minor's age, an adult's relationship). */
function IndividualFacts({
  person,
  reference,
  links,
  extra,
}: {
  person: Individual;
  reference: PersonReference | null;
  links: readonly PersonLink[];
  extra?: ComponentChildren;
}) {
  const { t, lang } = useI18n();
  const nationalities = person.nationalities ?? [];
  return (
    <>
      <dl class="facts">
        <dt>{t('person.names')}</dt>
        <dd>
          <ul class="person-name-list">
            {person.names.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('person.sex')}</dt>
        <dd>{person.sex ? term(reference, 'sexes', person.sex, lang) : <Empty />}</dd>
        <dt>{t('personForm.dateOfBirth')}</dt>
        <dd>
          <BirthDate value={person.dateOfBirth} />
        </dd>
        {extra}
        <dt>{t('personForm.placeOfBirth')}</dt>
        <dd>{person.placeOfBirth ?? <Empty />}</dd>
        <dt>{t('person.nationalities')}</dt>
        <dd>{nationalities.length ? nationalities.map((c) => countryName(c, lang, t)).join(', ') : <Empty />}</dd>
      </dl>
      <Documents person={person} reference={reference} links={links} />
    </>
  );
}

function Documents({ person, reference, links }: { person: Individual; reference: PersonReference | null; links: readonly PersonLink[] }) {
  const { t, lang } = useI18n();
  const { ref: specimens } = useReference();
  const documents = person.documents ?? [];
  if (documents.length === 0) return <p class="muted">{t('person.noDocuments')}</p>;
  return (
    <Table
      dense
      caption={t('person.documents')}
      columns={[t('person.documentType'), t('person.issuer'), t('personForm.documentNumber'), t('person.specimen')]}
    >
      {documents.map((d, i) => {
        const linked = d.specimenId ? links.find((l) => l.id === d.specimenId) : undefined;
        return (
          <tr key={i}>
            <td>{term(reference, 'documentTypes', d.documentType, lang)}</td>
            <td>{countryName(d.issuer, lang, t)}</td>
            <td>{d.number ? <span class="document-number">{d.number}</span> : <Empty />}</td>
            <td>
              {d.specimenId ? (
                <a href={`/specimens/${d.specimenId}`}>
                  {linked?.documentType && linked.issuingCountry
                    ? specimenTitle(specimens, { documentType: linked.documentType, issuingCountry: linked.issuingCountry }, lang, t)
                    : t('person.openSpecimen')}
                </a>
              ) : (
                <Empty />
              )}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

export function PersonPanel({ view, reference }: { view: PersonView; reference: PersonReference | null }) {
  const { t } = useI18n();
  if (!view.person) return null;
  return (
    <Panel id="person-person-title" title={t('person.thePerson')}>
      <IndividualFacts person={view.person} reference={reference} links={view.links ?? []} />
    </Panel>
  );
}

function MinorFacts({ minor, n, reference, links }: { minor: Minor; n: number; reference: PersonReference | null; links: readonly PersonLink[] }) {
  const { t, lang } = useI18n();
  return (
    <section class="person-member" aria-labelledby={`person-minor-${n}`}>
      <h3 id={`person-minor-${n}`}>{t('personForm.minorN', { n })}</h3>
      <IndividualFacts
        person={minor}
        reference={reference}
        links={links}
        extra={
          minor.age === null || minor.age === undefined ? null : (
            <>
              <dt>{t('personForm.age')}</dt>
              <dd>{t(pluralKey(lang, 'person.years', minor.age), { count: minor.age })}</dd>
            </>
          )
        }
      />
    </section>
  );
}

function AdultFacts({ adult, n, reference, links }: { adult: Adult; n: number; reference: PersonReference | null; links: readonly PersonLink[] }) {
  const { t, lang } = useI18n();
  return (
    <section class="person-member" aria-labelledby={`person-adult-${n}`}>
      <h3 id={`person-adult-${n}`}>{t('personForm.adultN', { n })}</h3>
      <IndividualFacts
        person={adult}
        reference={reference}
        links={links}
        extra={
          <>
            <dt>{t('person.relationship')}</dt>
            <dd>{term(reference, 'relationships', adult.relationship, lang)}</dd>
            <dt>{t('person.support')}</dt>
            <dd>{term(reference, 'supports', adult.support, lang)}</dd>
          </>
        }
      />
    </section>
  );
}

export function GroupPanels({ view, reference }: { view: PersonView; reference: PersonReference | null }) {
  const { t, lang } = useI18n();
  const g: Group | null | undefined = view.group;
  if (!g) return null;
  const links = view.links ?? [];
  return (
    <>
      <Panel id="person-minors-title" title={t('person.minorsCount', { count: g.minors.length })}>
        {g.minors.map((minor, i) => (
          <MinorFacts key={i} minor={minor} n={i + 1} reference={reference} links={links} />
        ))}
      </Panel>
      <Panel id="person-adults-title" title={t('person.adultsCount', { count: g.adults.length })}>
        {g.adults.length === 0 ? <p class="muted">{t('person.noAdults')}</p> : null}
        {g.adults.map((adult, i) => (
          <AdultFacts key={i} adult={adult} n={i + 1} reference={reference} links={links} />
        ))}
      </Panel>
      <Panel id="person-group-title" title={t('person.groupTravel')}>
        <dl class="facts">
          <dt>{t('person.destination')}</dt>
          <dd>{g.destination ? countryName(g.destination, lang, t) : <Empty />}</dd>
          <dt>{t('person.indicators')}</dt>
          <dd>
            {g.indicators.length ? (
              <ul class="person-indicator-list">
                {g.indicators.map((code) => (
                  <li key={code}>{term(reference, 'indicators', code, lang)}</li>
                ))}
              </ul>
            ) : (
              t('person.noIndicators')
            )}
          </dd>
          <dt>{t('person.referral')}</dt>
          <dd>{term(reference, 'referrals', g.referral, lang)}</dd>
          <dt>{t('personForm.referralNote')}</dt>
          <dd>{g.referralNote ?? <Empty />}</dd>
        </dl>
      </Panel>
    </>
  );
}
