import { codes, DOCUMENT_TYPES, STATES, type Term, terms } from '../../platform/reference/terms.ts';

/**
 * The fixed vocabularies of a document specimen (DOMAIN.md §1), each term with its Spanish and
 * English label (the shared ones, document types and states, in server/platform/reference/terms.ts).
 * The schemas validate against the codes, the web application and the exports take the labels from
 * here (`GET /api/reference/specimens`).
 */
export { DOCUMENT_TYPE_CODES, DOCUMENT_TYPES, type DocumentType, label, STATES, type Term } from '../../platform/reference/terms.ts';

/** Interpol / FADO categories, then the document-status reports of the lost-and-stolen database. */
export const CATEGORIES = terms([
  { code: 'genuine_reference', es: 'Auténtico (referencia)', en: 'Genuine (reference)' },
  { code: 'counterfeit', es: 'Falsificación total', en: 'Counterfeit' },
  { code: 'forgery', es: 'Documento alterado', en: 'Forgery' },
  { code: 'fraudulently_obtained', es: 'Auténtico obtenido fraudulentamente', en: 'Fraudulently obtained genuine' },
  { code: 'pseudo', es: 'Seudodocumento o de fantasía', en: 'Pseudo / fantasy document' },
  { code: 'impostor', es: 'Suplantación (impostor)', en: 'Impostor' },
  { code: 'stolen_blank', es: 'En blanco robado', en: 'Stolen blank' },
  { code: 'lost', es: 'Extraviado', en: 'Lost' },
  { code: 'stolen', es: 'Robado', en: 'Stolen' },
  { code: 'revoked', es: 'Revocado', en: 'Revoked' },
]);

/** The kinds of a forgery (an altered genuine document); required with that category, refused with any other. */
export const FORGERY_KINDS = terms([
  { code: 'photo_substitution', es: 'Sustitución de fotografía', en: 'Photo substitution' },
  { code: 'page_substitution', es: 'Sustitución de página', en: 'Page substitution' },
  { code: 'data_alteration', es: 'Alteración de datos', en: 'Data alteration' },
  { code: 'erasure', es: 'Borrado', en: 'Erasure' },
]);

export const FEATURE_GROUPS = terms([
  { code: 'substrate', es: 'Soporte', en: 'Substrate' },
  { code: 'printing', es: 'Impresión', en: 'Printing' },
  { code: 'personalisation', es: 'Personalización', en: 'Personalisation' },
  { code: 'ovd', es: 'Dispositivos ópticamente variables', en: 'Optically variable devices' },
  { code: 'protection', es: 'Protección y lectura', en: 'Protection and reading' },
]);

export const SECURITY_FEATURES = terms([
  { code: 'watermark', es: 'Marca de agua', en: 'Watermark' },
  { code: 'security_fibres', es: 'Fibras de seguridad', en: 'Security fibres' },
  { code: 'planchettes', es: 'Planchetas', en: 'Planchettes' },
  { code: 'uv_dull_paper', es: 'Papel sin blanqueadores ópticos', en: 'UV-dull paper' },
  { code: 'intaglio', es: 'Impresión calcográfica', en: 'Intaglio printing' },
  { code: 'guilloche', es: 'Guilloches', en: 'Guilloche' },
  { code: 'rainbow_printing', es: 'Impresión iris', en: 'Rainbow printing' },
  { code: 'microtext', es: 'Microtexto', en: 'Microtext' },
  { code: 'latent_image', es: 'Imagen latente', en: 'Latent image' },
  { code: 'laser_engraving', es: 'Grabado láser', en: 'Laser engraving' },
  { code: 'inkjet', es: 'Inyección de tinta', en: 'Inkjet' },
  { code: 'thermal_transfer', es: 'Transferencia térmica', en: 'Thermal transfer' },
  { code: 'hologram', es: 'Holograma', en: 'Hologram' },
  { code: 'kinegram', es: 'Kinegrama', en: 'Kinegram' },
  { code: 'optically_variable_ink', es: 'Tinta ópticamente variable', en: 'Optically variable ink' },
  { code: 'laminate', es: 'Laminado', en: 'Laminate' },
  { code: 'laser_perforation', es: 'Perforación láser', en: 'Laser perforation' },
  { code: 'mrz', es: 'Zona de lectura mecánica', en: 'Machine-readable zone' },
  { code: 'chip', es: 'Chip', en: 'Chip' },
  { code: 'binding', es: 'Costura y encuadernación', en: 'Binding / stitching' },
]);

/** Which group each feature belongs to (the upload wizard shows them grouped). */
export const FEATURE_GROUP: Record<(typeof SECURITY_FEATURES)[number]['code'], (typeof FEATURE_GROUPS)[number]['code']> = {
  watermark: 'substrate',
  security_fibres: 'substrate',
  planchettes: 'substrate',
  uv_dull_paper: 'substrate',
  intaglio: 'printing',
  guilloche: 'printing',
  rainbow_printing: 'printing',
  microtext: 'printing',
  latent_image: 'printing',
  laser_engraving: 'personalisation',
  inkjet: 'personalisation',
  thermal_transfer: 'personalisation',
  hologram: 'ovd',
  kinegram: 'ovd',
  optically_variable_ink: 'ovd',
  laminate: 'protection',
  laser_perforation: 'protection',
  mrz: 'protection',
  chip: 'protection',
  binding: 'protection',
};

/** Which part of the document an image shows (ICAO Doc 9303 names the passport's pages). */
export const IMAGE_PAGES = terms([
  { code: 'front', es: 'Anverso', en: 'Front' },
  { code: 'back', es: 'Reverso', en: 'Back' },
  { code: 'cover', es: 'Cubierta', en: 'Cover' },
  { code: 'inside_cover', es: 'Contracubierta interior', en: 'Inside cover' },
  { code: 'data_page', es: 'Página de datos', en: 'Data page' },
  { code: 'visa_page', es: 'Página de visados', en: 'Visa page' },
  { code: 'observations_page', es: 'Página de observaciones', en: 'Observations page' },
  { code: 'back_cover', es: 'Contraportada', en: 'Back cover' },
  { code: 'detail', es: 'Detalle', en: 'Detail' },
  { code: 'other', es: 'Otra parte', en: 'Other part' },
]);

/** Under which light an image was taken (what an examiner's lamp offers). */
export const IMAGE_LIGHTS = terms([
  { code: 'visible', es: 'Luz visible', en: 'Visible light' },
  { code: 'uv', es: 'Ultravioleta (365 nm)', en: 'UV (365 nm)' },
  { code: 'uv_short', es: 'Ultravioleta de onda corta (254 nm)', en: 'Short-wave UV (254 nm)' },
  { code: 'ir', es: 'Infrarrojo', en: 'Infrared' },
  { code: 'oblique', es: 'Luz oblicua', en: 'Oblique light' },
  { code: 'coaxial', es: 'Luz coaxial', en: 'Coaxial light' },
  { code: 'transmitted', es: 'Luz transmitida', en: 'Transmitted light' },
]);

/**
 * The single `view` images had before pages and lights were told apart (migration 0013), still
 * accepted by the upload: each means a page under visible light, or a light on a page not stated.
 */
export const IMAGE_VIEWS = terms([
  { code: 'front', es: 'Anverso', en: 'Front' },
  { code: 'back', es: 'Reverso', en: 'Back' },
  { code: 'data_page', es: 'Página de datos', en: 'Data page' },
  { code: 'visible', es: 'Luz visible', en: 'Visible light' },
  { code: 'uv', es: 'Ultravioleta (365 nm)', en: 'UV (365 nm)' },
  { code: 'ir', es: 'Infrarrojo', en: 'Infrared' },
  { code: 'oblique', es: 'Luz oblicua / coaxial', en: 'Oblique / coaxial light' },
  { code: 'detail', es: 'Detalle', en: 'Detail' },
]);
export const VIEW_PAIRS: Record<(typeof IMAGE_VIEWS)[number]['code'], { page: ImagePage | null; light: ImageLight }> = {
  front: { page: 'front', light: 'visible' },
  back: { page: 'back', light: 'visible' },
  data_page: { page: 'data_page', light: 'visible' },
  visible: { page: null, light: 'visible' },
  uv: { page: null, light: 'uv' },
  ir: { page: null, light: 'ir' },
  oblique: { page: null, light: 'oblique' },
  detail: { page: 'detail', light: 'visible' },
};

export const PORT_KINDS = terms([
  { code: 'airport', es: 'Aeropuerto', en: 'Airport' },
  { code: 'land_border', es: 'Frontera terrestre', en: 'Land border' },
  { code: 'seaport', es: 'Puerto marítimo', en: 'Seaport' },
  { code: 'inland', es: 'Control en el interior', en: 'Inland control' },
]);

/** ICAO Doc 9303 codes for documents not issued by a state (United Nations, stateless persons, refugees…). */
export const ISSUING_ORGANISATIONS = terms([
  { code: 'UNO', es: 'Naciones Unidas', en: 'United Nations' },
  { code: 'EUE', es: 'Unión Europea', en: 'European Union' },
  { code: 'XOM', es: 'Orden de Malta', en: 'Sovereign Military Order of Malta' },
  { code: 'XXA', es: 'Apátrida (Convención de 1954)', en: 'Stateless person (1954 Convention)' },
  { code: 'XXB', es: 'Refugiado (Convención de 1951)', en: 'Refugee (1951 Convention)' },
  { code: 'XXC', es: 'Refugiado (otro instrumento)', en: 'Refugee (other instrument)' },
  { code: 'XXX', es: 'Nacionalidad no especificada', en: 'Unspecified nationality' },
]);

export type Category = (typeof CATEGORIES)[number]['code'];
export type SecurityFeature = (typeof SECURITY_FEATURES)[number]['code'];
export type ImagePage = (typeof IMAGE_PAGES)[number]['code'];
export type ImageLight = (typeof IMAGE_LIGHTS)[number]['code'];

export const CATEGORY_CODES = codes(CATEGORIES);

/**
 * The document-status reports: a lost, stolen, stolen-blank or revoked document is reported by its
 * number (issuer, type, number, date) so the document-number check finds it; a picture is optional.
 */
const STATUS_REPORT_CATEGORIES: readonly Category[] = ['stolen_blank', 'lost', 'stolen', 'revoked'];
export const isStatusReport = (category: string): boolean => (STATUS_REPORT_CATEGORIES as readonly string[]).includes(category);
export const FORGERY_KIND_CODES = codes(FORGERY_KINDS);
export const FEATURE_CODES = codes(SECURITY_FEATURES);
export const VIEW_CODES = codes(IMAGE_VIEWS);
export const PAGE_CODES = codes(IMAGE_PAGES);
export const LIGHT_CODES = codes(IMAGE_LIGHTS);
export const PORT_KIND_CODES = codes(PORT_KINDS);

/** Who may issue a document: a state (alpha-3) or an ICAO organisation code. */
export const ISSUER_CODES: string[] = [...STATES.map((s) => s.code), ...codes(ISSUING_ORGANISATIONS)];

/** The vocabularies as the web application and scripts receive them. */
export function referenceView() {
  const strip = (t: Term): Term => ({ code: t.code, es: t.es, en: t.en });
  return {
    documentTypes: DOCUMENT_TYPES.map(strip),
    categories: CATEGORIES.map(strip),
    forgeryKinds: FORGERY_KINDS.map(strip),
    featureGroups: FEATURE_GROUPS.map((g) => ({
      ...strip(g),
      features: SECURITY_FEATURES.filter((f) => FEATURE_GROUP[f.code] === g.code).map(strip),
    })),
    views: IMAGE_VIEWS.map(strip),
    pages: IMAGE_PAGES.map(strip),
    lights: IMAGE_LIGHTS.map(strip),
    portKinds: PORT_KINDS.map(strip),
    issuingOrganisations: ISSUING_ORGANISATIONS.map(strip),
    states: STATES,
  };
}
