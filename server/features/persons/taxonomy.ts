import { codes, DOCUMENT_TYPES, STATES, stripTerm, terms } from '../../platform/reference/terms.ts';

/**
 * The vocabularies of person records (DOMAIN.md §5; seed 004, seed 002 §1.3.2's common format for
 * adults travelling with minors without family ties), each term in Spanish and English. The schemas
 * validate against the codes; the web application takes the labels from `GET /api/reference/persons`.
 */
export const PERSON_FORMS = terms([
  { code: 'person', es: 'Persona detectada', en: 'Person detected' },
  { code: 'minors', es: 'Adultos que viajan con menores sin vínculo familiar', en: 'Adults travelling with minors without family ties' },
]);

export const PERSON_ROLES = terms([
  { code: 'traveller', es: 'Viajero con documento falso', en: 'Traveller with a false document' },
  { code: 'smuggler', es: 'Presunto traficante', en: 'Suspected smuggler' },
  { code: 'facilitator', es: 'Facilitador', en: 'Facilitator' },
  { code: 'corrupted_official', es: 'Funcionario corrompido', en: 'Corrupted official' },
]);

export const PERSON_OUTCOMES = terms([
  { code: 'refused_entry', es: 'Inadmitido', en: 'Refused entry' },
  { code: 'detained', es: 'Detenido', en: 'Detained' },
  { code: 'referred', es: 'Derivado', en: 'Referred' },
  { code: 'returned', es: 'Retornado', en: 'Returned' },
  { code: 'released', es: 'Dejado en libertad', en: 'Released' },
  { code: 'none', es: 'Sin medida', en: 'No action' },
]);

export const SEXES = terms([
  { code: 'F', es: 'Femenino', en: 'Female' },
  { code: 'M', es: 'Masculino', en: 'Male' },
  { code: 'X', es: 'No especificado', en: 'Unspecified' },
]);

export const RELATIONSHIPS = terms([
  { code: 'parent', es: 'Padre o madre', en: 'Parent' },
  { code: 'relative', es: 'Otro familiar', en: 'Other relative' },
  { code: 'legal_guardian', es: 'Tutor legal', en: 'Legal guardian' },
  { code: 'carer', es: 'Cuidador, docente o acompañante', en: 'Carer, teacher or escort' },
  { code: 'none_stated', es: 'Ninguna declarada', en: 'None stated' },
  { code: 'other', es: 'Otra', en: 'Other' },
]);

export const SUPPORTS = terms([
  { code: 'parental_authorisation', es: 'Autorización de los padres', en: 'Parental authorisation' },
  { code: 'notarised_permit', es: 'Permiso notarial', en: 'Notarised permit' },
  { code: 'court_order', es: 'Resolución judicial', en: 'Court order' },
  { code: 'none', es: 'Ninguno', en: 'None' },
]);

export const TRAFFICKING_INDICATORS = terms([
  { code: 'inconsistent_story', es: 'Relatos contradictorios', en: 'Inconsistent accounts' },
  { code: 'documents_held_by_adult', es: 'El adulto retiene los documentos', en: 'The adult holds the documents' },
  { code: 'minor_coached', es: 'El menor parece aleccionado', en: 'The minor seems coached' },
  { code: 'fear_or_distress', es: 'Miedo o angustia', en: 'Fear or distress' },
  { code: 'no_knowledge_of_destination', es: 'Desconoce el destino', en: 'Does not know the destination' },
  { code: 'unrelated_group', es: 'Grupo sin relación aparente', en: 'Group with no apparent relation' },
  { code: 'paid_by_third_party', es: 'Viaje pagado por un tercero', en: 'Travel paid by a third party' },
  { code: 'false_documents', es: 'Documentos falsos o de otra persona', en: 'False or impostor documents' },
  { code: 'other', es: 'Otro', en: 'Other' },
]);

export const REFERRALS = terms([
  { code: 'child_protection', es: 'Organismo de protección de la niñez', en: 'Child-protection agency' },
  { code: 'consulate', es: 'Consulado', en: 'Consulate' },
  { code: 'police', es: 'Policía o fiscalía', en: 'Police or prosecutor' },
  { code: 'ngo', es: 'Organización de asistencia', en: 'Assistance organisation' },
  { code: 'none', es: 'Ninguna', en: 'None' },
]);

export const PERSON_FORM_CODES = codes(PERSON_FORMS);
export const PERSON_ROLE_CODES = codes(PERSON_ROLES);
export const PERSON_OUTCOME_CODES = codes(PERSON_OUTCOMES);
export const SEX_CODES = codes(SEXES);
export const RELATIONSHIP_CODES = codes(RELATIONSHIPS);
export const SUPPORT_CODES = codes(SUPPORTS);
export const INDICATOR_CODES = codes(TRAFFICKING_INDICATORS);
export const REFERRAL_CODES = codes(REFERRALS);

/** The vocabularies as the web application and scripts receive them. */
export function personReference() {
  return {
    forms: PERSON_FORMS.map(stripTerm),
    roles: PERSON_ROLES.map(stripTerm),
    outcomes: PERSON_OUTCOMES.map(stripTerm),
    sexes: SEXES.map(stripTerm),
    relationships: RELATIONSHIPS.map(stripTerm),
    supports: SUPPORTS.map(stripTerm),
    indicators: TRAFFICKING_INDICATORS.map(stripTerm),
    referrals: REFERRALS.map(stripTerm),
    documentTypes: DOCUMENT_TYPES.map(stripTerm),
    states: STATES,
  };
}
