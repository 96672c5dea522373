/**
 * The person form's own checks, in the order of its fields: the first problem, at its field. The
 * server checks again (a minor who turns out to be 18, a linked item one may not link) and its
 * error lands at the field it names.
 */
import type { FormError } from '../../../lib/errors.ts';
import type { Translate } from '../../../lib/i18n/index.tsx';
import { BIRTH_DATE, birthDate, type IndividualValues, linkIds, type PersonValues } from './values.ts';

const LETTERS = /\p{L}.*\p{L}/u;

function checkIndividual(v: IndividualValues, path: string, who: string, t: Translate): FormError | null {
  if (!v.names.some((n) => LETTERS.test(n))) return { message: t('personForm.nameRequired', { who }), field: `${path}.names.0` };
  if (v.dateOfBirth.trim() && !BIRTH_DATE.test(birthDate(v.dateOfBirth)))
    return { message: t('personForm.badDateOfBirth', { who }), field: `${path}.dateOfBirth` };
  for (const [i, d] of v.documents.entries()) {
    const at = (f: string) => `${path}.documents.${i}.${f}`;
    const which = `${who}, ${t('personForm.documentN', { n: i + 1 }).toLocaleLowerCase()}`;
    if (!d.documentType) return { message: t('form.required', { field: `${t('person.documentType')} (${which})` }), field: at('documentType') };
    if (!d.issuer) return { message: t('form.required', { field: `${t('person.issuer')} (${which})` }), field: at('issuer') };
    if (d.specimen.trim() && linkIds(d.specimen).length !== 1) return { message: t('personForm.badSpecimen'), field: at('specimenId') };
  }
  return null;
}

export function checkPersonForm(v: PersonValues, t: Translate, today: string): FormError | null {
  const required = (value: string, field: string, label: string): FormError | null =>
    value.trim() ? null : { message: t('form.required', { field: label }), field };
  const first =
    required(v.spaceId, 'spaceId', t('upload.space')) ??
    required(v.detection.date, 'detection.date', t('person.detectedOn')) ??
    (v.detection.date > today ? { message: t('personForm.detectionFuture'), field: 'detection.date' } : null) ??
    required(v.detection.country, 'detection.country', t('person.detectionCountry')) ??
    required(v.outcome, 'outcome', t('person.outcome'));
  if (first) return first;
  if (v.form === 'person') {
    const problem = required(v.role, 'role', t('person.role')) ?? checkIndividual(v.person, 'person', t('personForm.thePerson'), t);
    if (problem) return problem;
  } else {
    for (const [i, m] of v.group.minors.entries()) {
      const path = `group.minors.${i}`;
      const who = t('personForm.minorN', { n: i + 1 });
      const problem = checkIndividual(m, path, who, t);
      if (problem) return problem;
      const age = m.age.trim();
      if (age && !(/^\d{1,2}$/.test(age) && Number(age) <= 17)) return { message: t('personForm.badAge', { who }), field: `${path}.age` };
      if (!age && !m.dateOfBirth.trim()) return { message: t('personForm.ageRequired', { who }), field: `${path}.age` };
    }
    for (const [i, a] of v.group.adults.entries()) {
      const path = `group.adults.${i}`;
      const who = t('personForm.adultN', { n: i + 1 });
      const problem =
        checkIndividual(a, path, who, t) ??
        required(a.relationship, `${path}.relationship`, `${t('person.relationship')} (${who})`) ??
        required(a.support, `${path}.support`, `${t('person.support')} (${who})`);
      if (problem) return problem;
    }
    const referral = required(v.group.referral, 'group.referral', t('person.referral'));
    if (referral) return referral;
  }
  if (!v.tlp) return { message: t('form.required', { field: t('specimen.tlp') }), field: 'tlp' };
  if (v.tlp === 'RED' && v.namedRecipients.length === 0) return { message: t('compose.namedRequired'), field: 'namedRecipients' };
  return null;
}
