import { codes, DOCUMENT_TYPES, STATES, stripTerm, terms } from '../../platform/reference/terms.ts';

/**
 * The vocabularies of intelligence reports (DOMAIN.md §3; seeds 002 §1.3, 003 §2), each term in
 * Spanish and English. The schemas validate against the codes; the web application takes the labels
 * from `GET /api/reference/reports`.
 */
export const REPORT_KINDS = terms([
  { code: 'route', es: 'Ruta', en: 'Route' },
  { code: 'modus_operandi', es: 'Modus operandi', en: 'Modus operandi' },
  { code: 'acquisition_method', es: 'Obtención fraudulenta de documentos', en: 'Fraudulent acquisition method' },
  { code: 'network', es: 'Red de tráfico de migrantes', en: 'Smuggling network' },
  { code: 'operation', es: 'Operación y resultados', en: 'Operation and outcome' },
]);

export const TRANSPORT_MODES = terms([
  { code: 'air', es: 'Aéreo', en: 'Air' },
  { code: 'bus', es: 'Autobús', en: 'Bus' },
  { code: 'car', es: 'Automóvil o camión', en: 'Car or truck' },
  { code: 'boat', es: 'Embarcación', en: 'Boat' },
  { code: 'foot', es: 'A pie', en: 'On foot' },
  { code: 'train', es: 'Tren', en: 'Train' },
  { code: 'other', es: 'Otro', en: 'Other' },
]);

export const CROSSING_KINDS = terms([
  { code: 'airport', es: 'Aeropuerto', en: 'Airport' },
  { code: 'land_border', es: 'Paso fronterizo terrestre', en: 'Land border crossing' },
  { code: 'seaport', es: 'Puerto marítimo', en: 'Seaport' },
  { code: 'river', es: 'Paso fluvial', en: 'River crossing' },
  { code: 'irregular', es: 'Paso no habilitado', en: 'Unofficial crossing' },
]);

export const ROUTE_RISKS = terms([
  { code: 'extortion', es: 'Extorsión', en: 'Extortion' },
  { code: 'abandonment', es: 'Abandono', en: 'Abandonment' },
  { code: 'deaths', es: 'Muertes', en: 'Deaths' },
  { code: 'abuse', es: 'Abusos y violencia', en: 'Abuse and violence' },
  { code: 'trafficking_indicators', es: 'Indicios de trata de personas', en: 'Trafficking indicators' },
  { code: 'other', es: 'Otro', en: 'Other' },
]);

export const MODUS_OPERANDI = terms([
  { code: 'vehicle_concealment', es: 'Ocultamiento en vehículos', en: 'Concealment in vehicles' },
  { code: 'false_group', es: 'Falsos grupos de turismo o negocios', en: 'False tourist or business groups' },
  { code: 'transit_abuse', es: 'Abuso del tránsito', en: 'Transit abuse' },
  { code: 'impostor', es: 'Uso de impostores', en: 'Impostor use' },
  { code: 'document_rental', es: 'Alquiler de documentos', en: 'Document rental' },
  { code: 'corrupted_officials', es: 'Funcionarios corruptos', en: 'Corrupted officials' },
  { code: 'false_invitation', es: 'Invitaciones falsas', en: 'False invitations' },
  { code: 'marriage_of_convenience', es: 'Matrimonio de conveniencia', en: 'Marriage of convenience' },
  { code: 'other', es: 'Otro', en: 'Other' },
]);

export const ACQUISITION_METHODS = terms([
  {
    code: 'breeder_document',
    es: 'Documentos base fraudulentos (partidas de nacimiento…)',
    en: 'Fraudulent breeder documents (birth certificates…)',
  },
  { code: 'insider', es: 'Cómplice en la oficina emisora', en: 'Insider at the issuing office' },
  { code: 'identity_theft', es: 'Robo de identidad', en: 'Identity theft' },
  { code: 'look_alike', es: 'Parecido físico (look-alike)', en: 'Look-alike' },
  { code: 'false_supporting_documents', es: 'Documentos de respaldo falsos', en: 'False supporting documents' },
  { code: 'other', es: 'Otro', en: 'Other' },
]);

export const NETWORK_ROLES = terms([
  { code: 'recruiter', es: 'Captador', en: 'Recruiter' },
  { code: 'guide', es: 'Guía', en: 'Guide' },
  { code: 'transporter', es: 'Transportista', en: 'Transporter' },
  { code: 'document_provider', es: 'Proveedor de documentos', en: 'Document provider' },
  { code: 'money_handler', es: 'Manejo de dinero', en: 'Money handler' },
  { code: 'corrupted_official', es: 'Funcionario corrupto', en: 'Corrupted official' },
  { code: 'other', es: 'Otro', en: 'Other' },
]);

export const NETWORK_SIZES = terms([
  { code: 'small', es: 'Pequeña (menos de 10)', en: 'Small (under 10)' },
  { code: 'medium', es: 'Mediana (10 a 50)', en: 'Medium (10 to 50)' },
  { code: 'large', es: 'Grande (más de 50)', en: 'Large (over 50)' },
  { code: 'unknown', es: 'Desconocido', en: 'Unknown' },
]);

export const OPERATION_KINDS = terms([
  { code: 'joint_operation', es: 'Operación conjunta', en: 'Joint operation' },
  { code: 'joint_exercise', es: 'Ejercicio conjunto', en: 'Joint exercise' },
  { code: 'national_operation', es: 'Operación nacional', en: 'National operation' },
]);

export const OUTCOME_STAGES = terms([
  { code: 'investigation', es: 'Investigación', en: 'Investigation' },
  { code: 'charges', es: 'Acusación', en: 'Charges' },
  { code: 'trial', es: 'Juicio', en: 'Trial' },
  { code: 'conviction', es: 'Condena', en: 'Conviction' },
  { code: 'acquittal', es: 'Absolución', en: 'Acquittal' },
  { code: 'other', es: 'Otro', en: 'Other' },
]);

export const REPORT_KIND_CODES = codes(REPORT_KINDS);
export type ReportKind = (typeof REPORT_KIND_CODES)[number];
export const MODE_CODES = codes(TRANSPORT_MODES);
export const CROSSING_CODES = codes(CROSSING_KINDS);
export const RISK_CODES = codes(ROUTE_RISKS);
export const MO_CODES = codes(MODUS_OPERANDI);
export const ACQUISITION_CODES = codes(ACQUISITION_METHODS);
export const ROLE_CODES = codes(NETWORK_ROLES);
export const SIZE_CODES = codes(NETWORK_SIZES);
export const OPERATION_CODES = codes(OPERATION_KINDS);
export const STAGE_CODES = codes(OUTCOME_STAGES);

/** The vocabularies as the web application and scripts receive them. */
export function reportReference() {
  return {
    kinds: REPORT_KINDS.map(stripTerm),
    transportModes: TRANSPORT_MODES.map(stripTerm),
    crossingKinds: CROSSING_KINDS.map(stripTerm),
    risks: ROUTE_RISKS.map(stripTerm),
    modusOperandi: MODUS_OPERANDI.map(stripTerm),
    acquisitionMethods: ACQUISITION_METHODS.map(stripTerm),
    networkRoles: NETWORK_ROLES.map(stripTerm),
    networkSizes: NETWORK_SIZES.map(stripTerm),
    operationKinds: OPERATION_KINDS.map(stripTerm),
    outcomeStages: OUTCOME_STAGES.map(stripTerm),
    documentTypes: DOCUMENT_TYPES.map(stripTerm),
    states: STATES,
  };
}
