/**
 * A blank form to print (`/persons/blank/person`, `/persons/blank/minors`): the same sections as
 * the guided form, with lines to write on and boxes to tick, for a border post without a
 * connection; what it says is entered in Enlace later. Paper only: it holds no data and sends
 * nothing. Printed, it carries the label the record will have at the least (AMBER+STRICT, the
 * default) at the head and foot of every page.
 */
import type { ComponentChildren } from 'preact';
import { PrintButton, PrintFrame } from '../../../items/print.tsx';
import { useI18n } from '../../../lib/i18n/index.tsx';
import type { RouteParams } from '../../../lib/router.ts';
import { NotFoundPage, Page } from '../../../ui/page.tsx';
import { PERSON_FORMS, type PersonForm } from '../api.ts';
import { type PersonReference, type PersonTerm, usePersonReference } from '../reference.tsx';

/** How many minors and adults the blank group form has room for (more on a second copy). */
const BLANK_MINORS = 3;
const BLANK_ADULTS = 2;

/** A line to write on, after its label. */
function Line({ label, wide = false }: { label: string; wide?: boolean }) {
  return (
    <p class={wide ? 'blank-line blank-line-wide' : 'blank-line'}>
      <span class="blank-label">{label}</span>
      <span class="blank-fill" />
    </p>
  );
}

/** A choice of terms, each with a box to tick. */
function Boxes({ label, terms }: { label: string; terms: readonly PersonTerm[] | undefined }) {
  const { lang } = useI18n();
  return (
    <div class="blank-choice">
      <p class="blank-label">{label}</p>
      <ul class="blank-boxes">
        {(terms ?? []).map((term) => (
          <li key={term.code}>
            <span class="blank-box" aria-hidden="true" />
            {term[lang]}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="panel blank-section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** One person's block: names, sex, date of birth, place, nationalities, documents; `children` for what the role adds. */
function PersonBlock({ reference, age = false, children }: { reference: PersonReference | null; age?: boolean; children?: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <>
      <Line label={t('personForm.name')} wide />
      <Line label={t('blank.otherNames')} wide />
      <div class="blank-row">
        <Boxes label={t('person.sex')} terms={reference?.sexes} />
        <Line label={t('blank.dateOfBirth')} />
        {age ? <Line label={t('blank.age')} /> : null}
      </div>
      <div class="blank-row">
        <Line label={t('personForm.placeOfBirth')} />
        <Line label={t('person.nationalities')} />
      </div>
      {children}
      <table class="blank-table">
        <caption>{t('person.documents')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.documentType')}</th>
            <th scope="col">{t('person.issuer')}</th>
            <th scope="col">{t('personForm.documentNumber')}</th>
          </tr>
        </thead>
        <tbody>
          {[1, 2].map((row) => (
            <tr key={row}>
              <td />
              <td />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function BlankFormPage({ params }: { params: RouteParams }) {
  const { t } = useI18n();
  const { ref: reference } = usePersonReference();
  const form = params.form as PersonForm;
  if (!(PERSON_FORMS as readonly string[]).includes(form)) {
    return <NotFoundPage title={t('notFound.title')} text={t('notFound.text')} back={{ href: '/persons', label: t('persons.backToList') }} />;
  }
  const title = t(form === 'minors' ? 'blank.titleMinors' : 'blank.titlePerson');
  let n = 0;
  const section = (key: Parameters<typeof t>[0]) => `${++n}. ${t(key)}`;
  return (
    <Page title={title} lead={t('blank.lead')}>
      <PrintFrame tlp="AMBER+STRICT" kind={title} />
      <div class="workflow-bar">
        <PrintButton />
        <a href={`/persons/new?form=${form}`}>{t('blank.enter')}</a>
      </div>
      <p class="blank-handling">{t('blank.handling')}</p>
      <div class="blank-form">
        <Section title={section('personForm.sectionDetection')}>
          <div class="blank-row">
            <Line label={t('person.detectedOn')} />
            <Line label={t('person.detectionCountry')} />
          </div>
          <div class="blank-row">
            <Line label={t('personForm.port')} />
            <Line label={t('personForm.carrier')} />
          </div>
          <Line label={t('personForm.route')} wide />
          {form === 'person' ? <Boxes label={t('person.role')} terms={reference?.roles} /> : null}
          <Boxes label={t('person.outcome')} terms={reference?.outcomes} />
        </Section>
        {form === 'person' ? (
          <Section title={section('personForm.sectionPerson')}>
            <PersonBlock reference={reference} />
          </Section>
        ) : (
          <>
            <Section title={section('personForm.sectionMinors')}>
              {Array.from({ length: BLANK_MINORS }, (_, i) => (
                <div key={i} class="blank-person">
                  <h3>{t('personForm.minorN', { n: i + 1 })}</h3>
                  <PersonBlock reference={reference} age />
                </div>
              ))}
            </Section>
            <Section title={section('personForm.sectionAdults')}>
              {Array.from({ length: BLANK_ADULTS }, (_, i) => (
                <div key={i} class="blank-person">
                  <h3>{t('personForm.adultN', { n: i + 1 })}</h3>
                  <PersonBlock reference={reference}>
                    <Boxes label={t('person.relationship')} terms={reference?.relationships} />
                    <Boxes label={t('person.support')} terms={reference?.supports} />
                  </PersonBlock>
                </div>
              ))}
              <p class="hint">{t('blank.morePeople')}</p>
            </Section>
            <Section title={section('personForm.sectionIndicators')}>
              <Boxes label={t('person.indicators')} terms={reference?.indicators} />
              <Line label={t('person.destination')} />
            </Section>
            <Section title={section('personForm.sectionReferral')}>
              <Boxes label={t('person.referral')} terms={reference?.referrals} />
              <Line label={t('personForm.referralNote')} wide />
            </Section>
          </>
        )}
        <Section title={section('personForm.sectionNotes')}>
          <Line label={t('personForm.notes')} wide />
          <p class="blank-line blank-line-wide">
            <span class="blank-fill" />
          </p>
          <p class="blank-line blank-line-wide">
            <span class="blank-fill" />
          </p>
        </Section>
        <Section title={section('personForm.sectionHandling')}>
          <p>{t('blank.tlp')}</p>
          <ul class="blank-boxes">
            {['AMBER', 'AMBER+STRICT', 'RED'].map((tlp) => (
              <li key={tlp}>
                <span class="blank-box" aria-hidden="true" />
                TLP:{tlp}
              </li>
            ))}
          </ul>
          <div class="blank-row">
            <Line label={t('blank.recordedBy')} />
            <Line label={t('blank.recordedOn')} />
          </div>
        </Section>
      </div>
    </Page>
  );
}
