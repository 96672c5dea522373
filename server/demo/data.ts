/**
 * The vocabulary of the demo portal: organisations, networks, places, routes, names and the
 * sentences descriptions and feature notes are made of. Everything a person could mistake for a
 * record is invented: holders' names are random pairings, document numbers random in plausible
 * formats. Institutions and border posts are the real public ones, so that the demo reads true; the
 * migration authorities that receive alerts are plausible control posts of those institutions, not
 * a statement of how they are organised, and the alerts themselves are invented.
 */
import type { CountryCode } from '../platform/reference/countries.ts';

export interface OrganisationSeed {
  code: string;
  country: CountryCode;
  kind: 'member_authority' | 'observer' | 'migration_authority' | 'secretariat';
  nameEs: string;
  nameEn: string;
}

export const ORGANISATIONS: OrganisationSeed[] = [
  {
    code: 'BLZ-IND',
    country: 'BLZ',
    kind: 'member_authority',
    nameEs: 'Departamento de Inmigración y Nacionalidad de Belice',
    nameEn: 'Immigration and Nationality Department of Belize',
  },
  {
    code: 'CAN-CBSA',
    country: 'CAN',
    kind: 'member_authority',
    nameEs: 'Agencia de Servicios Fronterizos de Canadá',
    nameEn: 'Canada Border Services Agency',
  },
  {
    code: 'CRI-DGME',
    country: 'CRI',
    kind: 'member_authority',
    nameEs: 'Dirección General de Migración y Extranjería de Costa Rica',
    nameEn: 'Directorate General of Migration and Foreigners of Costa Rica',
  },
  {
    code: 'DOM-DGM',
    country: 'DOM',
    kind: 'member_authority',
    nameEs: 'Dirección General de Migración de la República Dominicana',
    nameEn: 'Directorate General of Migration of the Dominican Republic',
  },
  {
    code: 'GTM-IGM',
    country: 'GTM',
    kind: 'member_authority',
    nameEs: 'Instituto Guatemalteco de Migración',
    nameEn: 'Guatemalan Migration Institute',
  },
  {
    code: 'HND-INM',
    country: 'HND',
    kind: 'member_authority',
    nameEs: 'Instituto Nacional de Migración de Honduras',
    nameEn: 'National Migration Institute of Honduras',
  },
  {
    code: 'MEX-INM',
    country: 'MEX',
    kind: 'member_authority',
    nameEs: 'Instituto Nacional de Migración de México',
    nameEn: 'National Migration Institute of Mexico',
  },
  {
    code: 'NIC-DGME',
    country: 'NIC',
    kind: 'member_authority',
    nameEs: 'Dirección General de Migración y Extranjería de Nicaragua',
    nameEn: 'Directorate General of Migration and Foreigners of Nicaragua',
  },
  {
    code: 'PAN-SNM',
    country: 'PAN',
    kind: 'member_authority',
    nameEs: 'Servicio Nacional de Migración de Panamá',
    nameEn: 'National Migration Service of Panama',
  },
  {
    code: 'SLV-DGME',
    country: 'SLV',
    kind: 'member_authority',
    nameEs: 'Dirección General de Migración y Extranjería de El Salvador',
    nameEn: 'Directorate General of Migration and Foreigners of El Salvador',
  },
  {
    code: 'USA-CBP',
    country: 'USA',
    kind: 'member_authority',
    nameEs: 'Oficina de Aduanas y Protección Fronteriza de los Estados Unidos',
    nameEn: 'U.S. Customs and Border Protection',
  },
  {
    code: 'IOM',
    country: 'IOM',
    kind: 'observer',
    nameEs: 'Organización Internacional para las Migraciones (OIM)',
    nameEn: 'International Organization for Migration (IOM)',
  },
  {
    code: 'UNHCR',
    country: 'UNHCR',
    kind: 'observer',
    nameEs: 'Alto Comisionado de las Naciones Unidas para los Refugiados (ACNUR)',
    nameEn: 'United Nations High Commissioner for Refugees (UNHCR)',
  },
  {
    code: 'RROCM',
    country: 'RROCM',
    kind: 'observer',
    nameEs: 'Red Regional de Organizaciones Civiles para las Migraciones',
    nameEn: 'Regional Network of Civil Organisations for Migration',
  },
  {
    code: 'SV',
    country: 'SV',
    kind: 'secretariat',
    nameEs: 'Secretaría Técnica — Secretaría Virtual',
    nameEn: 'Technical Secretariat — Virtual Secretariat',
  },
  // Migration authorities at ports of entry: they receive alerts, and belong to no network.
  {
    code: 'MEX-INM-AICM',
    country: 'MEX',
    kind: 'migration_authority',
    nameEs: 'INM — Control Migratorio del Aeropuerto Internacional de la Ciudad de México (AICM)',
    nameEn: 'INM — Migration Control, Mexico City International Airport (AICM)',
  },
  {
    code: 'GTM-IGM-TECUN',
    country: 'GTM',
    kind: 'migration_authority',
    nameEs: 'IGM — Delegación Migratoria del Puesto Fronterizo de Tecún Umán',
    nameEn: 'IGM — Migration Office, Tecún Umán Border Post',
  },
  {
    code: 'PAN-SNM-TOCUMEN',
    country: 'PAN',
    kind: 'migration_authority',
    nameEs: 'SNM — Control Migratorio del Aeropuerto Internacional de Tocumen',
    nameEn: 'SNM — Migration Control, Tocumen International Airport',
  },
];

/** The alert desk of each migration authority: one account that receives its alerts (invented names). */
export const ALERT_RECIPIENTS: { organisation: string; email: string; name: string }[] = [
  { organisation: 'MEX-INM-AICM', email: 'aicm.alertas', name: 'Rebeca Olvera Sandoval' },
  { organisation: 'GTM-IGM-TECUN', email: 'tecun-uman.alertas', name: 'Edgar Xicará Pérez' },
  { organisation: 'PAN-SNM-TOCUMEN', email: 'tocumen.alertas', name: 'Anayansi Quintero Ríos' },
];

export interface NetworkSeed {
  code: string;
  nameEs: string;
  nameEn: string;
  spaces: { key: string; nameEs: string; nameEn: string; descriptionEs: string; descriptionEn: string; monthsAgo: number }[];
}

/**
 * The demo's networks and spaces. `monthsAgo`: when each space opened. Its loading deadline is the
 * usual four months later, so the openings are chosen for the follow-up dashboard to show every state:
 * the specimen spaces open just before the oldest specimen (725 days), so a country whose first
 * specimen came in those four months loaded on time and later ones loaded late; the routes space
 * opened seven months ago, so the oldest report (120 days) came before its deadline and the rest after.
 */
export const NETWORKS: NetworkSeed[] = [
  {
    code: 'demo-red-enlace',
    nameEs: 'Red de Funcionarios de Enlace para el combate al tráfico ilícito de migrantes y la trata de personas',
    nameEn: 'Liaison Officers Network to Combat Migrant Smuggling and Trafficking in Persons',
    spaces: [
      {
        key: 'documents',
        nameEs: 'Documentos fraudulentos',
        nameEn: 'Fraudulent documents',
        descriptionEs:
          'Especímenes de documentos de viaje y migratorios falsos, alterados u obtenidos fraudulentamente, detectados por los países miembros.',
        descriptionEn: 'Specimens of counterfeit, forged or fraudulently obtained travel and migration documents detected by the member countries.',
        monthsAgo: 24.5,
      },
      {
        key: 'routes',
        nameEs: 'Rutas y modus operandi',
        nameEn: 'Routes and modus operandi',
        descriptionEs: 'Rutas, métodos y características de las redes de tráfico ilícito de migrantes.',
        descriptionEn: 'Routes, methods and characteristics of migrant-smuggling networks.',
        monthsAgo: 7,
      },
    ],
  },
  {
    code: 'demo-red-control',
    nameEs: 'Red de Control Migratorio y Protección Consular',
    nameEn: 'Migration Control and Consular Protection Network',
    spaces: [
      {
        key: 'control',
        nameEs: 'Alertas de control migratorio',
        nameEn: 'Migration control alerts',
        descriptionEs: 'Documentos y sellos detectados en puestos de control migratorio; intercambio entre autoridades consulares y de frontera.',
        descriptionEn: 'Documents and stamps detected at migration control posts; exchange between consular and border authorities.',
        monthsAgo: 24,
      },
    ],
  },
];

export type PortKind = 'airport' | 'land_border' | 'seaport' | 'inland';

/** Ports of entry per member country. */
export const PORTS: Record<string, [string, PortKind][]> = {
  BLZ: [
    ['Aeropuerto Internacional Philip S. W. Goldson', 'airport'],
    ['Benque Viejo del Carmen', 'land_border'],
    ['Santa Elena (Corozal)', 'land_border'],
    ['Puerto de Big Creek', 'seaport'],
  ],
  CAN: [
    ['Toronto Pearson International Airport', 'airport'],
    ['Montréal-Trudeau International Airport', 'airport'],
    ['Vancouver International Airport', 'airport'],
    ['Lacolle (Saint-Bernard-de-Lacolle)', 'land_border'],
  ],
  CRI: [
    ['Aeropuerto Internacional Juan Santamaría', 'airport'],
    ['Peñas Blancas', 'land_border'],
    ['Paso Canoas', 'land_border'],
    ['Puerto Limón (Moín)', 'seaport'],
    ['Aeropuerto Internacional Daniel Oduber', 'airport'],
  ],
  DOM: [
    ['Aeropuerto Internacional de Las Américas', 'airport'],
    ['Aeropuerto Internacional del Cibao', 'airport'],
    ['Dajabón', 'land_border'],
    ['Puerto de Haina', 'seaport'],
  ],
  GTM: [
    ['Aeropuerto Internacional La Aurora', 'airport'],
    ['Tecún Umán', 'land_border'],
    ['Pedro de Alvarado', 'land_border'],
    ['Puerto Santo Tomás de Castilla', 'seaport'],
    ['Agua Caliente', 'land_border'],
  ],
  HND: [
    ['Aeropuerto Internacional Ramón Villeda Morales', 'airport'],
    ['Aeropuerto Internacional de Palmerola', 'airport'],
    ['Puerto Cortés', 'seaport'],
    ['El Amatillo', 'land_border'],
    ['Corinto', 'land_border'],
  ],
  MEX: [
    ['Aeropuerto Internacional de la Ciudad de México', 'airport'],
    ['Aeropuerto Internacional de Cancún', 'airport'],
    ['Ciudad Hidalgo', 'land_border'],
    ['Estación migratoria de Tapachula', 'inland'],
    ['Puerto de Veracruz', 'seaport'],
  ],
  NIC: [
    ['Aeropuerto Internacional Augusto C. Sandino', 'airport'],
    ['Peñas Blancas', 'land_border'],
    ['El Guasaule', 'land_border'],
    ['Puerto Corinto', 'seaport'],
  ],
  PAN: [
    ['Aeropuerto Internacional de Tocumen', 'airport'],
    ['Paso Canoas', 'land_border'],
    ['Puerto de Balboa', 'seaport'],
    ['Estación de recepción migratoria de Lajas Blancas', 'inland'],
  ],
  SLV: [
    ['Aeropuerto Internacional Monseñor Óscar Arnulfo Romero', 'airport'],
    ['La Hachadura', 'land_border'],
    ['El Amatillo', 'land_border'],
    ['Puerto de Acajutla', 'seaport'],
  ],
  USA: [
    ['Miami International Airport', 'airport'],
    ['George Bush Intercontinental Airport (Houston)', 'airport'],
    ['San Ysidro Port of Entry', 'land_border'],
    ['Hidalgo Port of Entry', 'land_border'],
    ['Port Everglades', 'seaport'],
  ],
};

/** Routes as a traveller declares them (origin first). */
export const ROUTES: string[] = [
  'Quito — Ciudad de Panamá — San José — Managua',
  'Caracas — Ciudad de Panamá — Ciudad de Guatemala',
  'La Habana — Managua — Tegucigalpa — Ciudad de Guatemala',
  'Puerto Príncipe — Santo Domingo — Ciudad de Panamá',
  'Bogotá — San Salvador — Ciudad de México',
  'Estambul — Bogotá — Ciudad de Panamá — Paso Canoas',
  'Dakar — Madrid — San Salvador — Tapachula',
  'Nueva Delhi — Dubái — Ciudad de México — Tijuana',
  'Lima — Cancún',
  'Managua — Peñas Blancas — San José',
  'San Pedro Sula — Agua Caliente — Tecún Umán — Tapachula',
  'Guayaquil — Ciudad de Panamá — Toronto',
  'Santo Domingo — Miami',
  'Tegucigalpa — Ciudad de Guatemala — Ciudad Hidalgo',
  'Ciudad de Panamá — Madrid',
  'Belmopan — Benque Viejo del Carmen — Flores',
  'Puerto Cortés — Puerto Santo Tomás de Castilla (vía marítima)',
  'Kingston — Ciudad de Panamá — San Salvador',
  'Necoclí — Darién — Lajas Blancas — Paso Canoas',
  'Shanghái — Ámsterdam — Ciudad de México',
];

/** Nationalities of holders (alpha-3), member and extra-regional, with weights. */
export const NATIONALITIES: [string, number][] = [
  ['GTM', 8],
  ['HND', 8],
  ['SLV', 6],
  ['NIC', 5],
  ['MEX', 4],
  ['CRI', 2],
  ['PAN', 2],
  ['DOM', 4],
  ['BLZ', 1],
  ['VEN', 9],
  ['CUB', 7],
  ['HTI', 7],
  ['ECU', 6],
  ['COL', 5],
  ['PER', 2],
  ['IND', 3],
  ['CHN', 3],
  ['SEN', 2],
  ['CMR', 1],
  ['AFG', 1],
  ['BGD', 1],
  ['NPL', 1],
  ['GHA', 1],
  ['TUR', 1],
];

/** Who issued the document (member states mostly, and the extra-regional ones most often forged). */
export const ISSUERS: [string, number][] = [
  ['GTM', 9],
  ['HND', 9],
  ['SLV', 7],
  ['NIC', 6],
  ['MEX', 9],
  ['CRI', 6],
  ['PAN', 6],
  ['DOM', 6],
  ['BLZ', 3],
  ['USA', 8],
  ['CAN', 5],
  ['VEN', 5],
  ['COL', 4],
  ['ECU', 3],
  ['ESP', 3],
  ['ITA', 2],
  ['PER', 2],
  ['XXB', 1],
];

/** Colour family of an issuer's pictures (a few families: each is drawn once and shared). */
export const HUES: Record<string, number> = {
  GTM: 200,
  HND: 200,
  NIC: 200,
  SLV: 240,
  CRI: 240,
  USA: 240,
  MEX: 140,
  BLZ: 140,
  ITA: 140,
  PAN: 350,
  PER: 350,
  DOM: 280,
  XXB: 280,
  CAN: 0,
  ESP: 0,
  VEN: 40,
  COL: 40,
  ECU: 40,
};

export const DOCUMENT_TYPES: [string, number][] = [
  ['passport', 50],
  ['identity_card', 14],
  ['visa', 12],
  ['residence_permit', 9],
  ['entry_exit_stamp', 6],
  ['birth_certificate', 4],
  ['refugee_travel_document', 3],
  ['other', 2],
];

export const CATEGORIES: [string, number][] = [
  ['counterfeit', 30],
  ['forgery', 26],
  ['fraudulently_obtained', 10],
  ['impostor', 9],
  ['pseudo', 3],
  ['genuine_reference', 6],
  ['stolen_blank', 6],
  ['lost', 3],
  ['stolen', 5],
  ['revoked', 2],
];

export const FORGERY_KINDS = ['photo_substitution', 'page_substitution', 'data_alteration', 'erasure'] as const;

export const GIVEN_NAMES = {
  F: [
    'María',
    'Ana',
    'Rosa',
    'Daniela',
    'Yessenia',
    'Dayana',
    'Karla',
    'Ingrid',
    'Marisol',
    'Lucía',
    'Gabriela',
    'Wendy',
    'Sofía',
    'Mariela',
    'Nathalie',
    'Esther',
    'Yolanda',
    'Fabiola',
    'Marie',
    'Guerline',
  ],
  M: [
    'José',
    'Luis',
    'Carlos',
    'Juan',
    'Kevin',
    'Wilmer',
    'Jonathan',
    'Marvin',
    'Edwin',
    'Óscar',
    'Jorge',
    'Elvin',
    'Ronald',
    'Henry',
    'Francisco',
    'Víctor',
    'Jean',
    'Pierre',
    'Ravi',
    'Moussa',
  ],
};
export const SURNAMES = [
  'Hernández',
  'López',
  'Martínez',
  'Pérez',
  'Ramírez',
  'Castillo',
  'Aguilar',
  'Mejía',
  'Orellana',
  'Cruz',
  'Reyes',
  'Flores',
  'Rivera',
  'Gómez',
  'Morales',
  'Alvarado',
  'Zelaya',
  'Cáceres',
  'Pineda',
  'Escobar',
  'Villatoro',
  'Solórzano',
  'Quiñónez',
  'Batres',
  'Argueta',
  'Chavarría',
  'Núñez',
  'Montenegro',
  'Joseph',
  'Pierre-Louis',
  'Singh',
  'Diallo',
  'Mendoza',
  'Obando',
];

export const SERIES: Record<string, string[]> = {
  passport: ['Serie A', 'Serie B', 'Serie E (electrónico)', 'Modelo 2017', 'Modelo 2021', 'Serie G'],
  identity_card: ['DPI 2013', 'DUI 2018', 'Cédula 2019', 'INE modelo E', 'Tarjeta de identidad 2021'],
  visa: ['Visa consular modelo 2016', 'Visa calcomanía 2020', 'Foil B1/B2'],
  residence_permit: ['DIMEX 2018', 'Carné de residente 2020', 'Tarjeta de residente permanente'],
  refugee_travel_document: ['Documento de viaje 1951'],
  entry_exit_stamp: ['Sello tipo 3', 'Sello fechador 2022'],
  birth_certificate: ['Certificación RENAP', 'Acta de nacimiento'],
  other: ['Constancia'],
};

/** How to detect each feature's defect: a note per language. */
export const FEATURE_NOTES: Record<string, { es: string[]; en: string[] }> = {
  watermark: {
    es: [
      'La marca de agua está impresa en la superficie con tinta blanca: no se ve por transparencia.',
      'Marca de agua simulada; los tonos no son graduales al contraluz.',
    ],
    en: [
      'The watermark is printed on the surface in white ink: it does not show against the light.',
      'Simulated watermark; no gradual tones when held against the light.',
    ],
  },
  security_fibres: {
    es: [
      'Las fibras están impresas, no incorporadas al papel: no se pueden levantar con una aguja.',
      'Fibras fluorescentes ausentes bajo UV 365 nm.',
    ],
    en: ['The fibres are printed, not embedded in the paper: they cannot be lifted with a needle.', 'No fluorescent fibres under UV 365 nm.'],
  },
  planchettes: { es: ['Planchetas impresas en offset, sin relieve.'], en: ['Planchettes printed in offset, no relief.'] },
  uv_dull_paper: {
    es: [
      'El papel reacciona con fluorescencia azul intensa bajo UV (contiene blanqueadores ópticos).',
      'Soporte fluorescente; el original es opaco al UV.',
    ],
    en: ['The paper glows bright blue under UV (it contains optical brighteners).', 'Fluorescent substrate; the genuine one is UV-dull.'],
  },
  intaglio: {
    es: ['Sin relieve táctil en el escudo ni en el título; impresión plana.', 'La calcografía se simula con un barniz brillante.'],
    en: ['No tactile relief on the coat of arms or title; flat printing.', 'Intaglio simulated with a glossy varnish.'],
  },
  guilloche: {
    es: [
      'Las líneas del fondo de seguridad se ven tramadas y cortadas bajo lupa de 10×.',
      'Guilloches discontinuos en las esquinas; la línea no es continua.',
    ],
    en: ['Background lines look screened and broken under a 10× loupe.', 'Broken guilloche at the corners; the line is not continuous.'],
  },
  rainbow_printing: {
    es: ['La transición de color es por tramas de puntos, no continua.'],
    en: ['The colour transition is made of dots, not continuous.'],
  },
  microtext: {
    es: ['El microtexto es ilegible: una línea punteada en lugar de letras.', 'Microtexto con errores ortográficos ("REPUBICA").'],
    en: ['The microtext is illegible: a dotted line instead of letters.', 'Microtext with spelling mistakes ("REPUBICA").'],
  },
  latent_image: {
    es: ['La imagen latente no aparece al inclinar el documento.'],
    en: ['The latent image does not appear when the document is tilted.'],
  },
  laser_engraving: {
    es: [
      'Los datos no tienen relieve táctil; impresos con tóner en lugar de grabado láser.',
      'El grabado láser no atraviesa la capa de policarbonato.',
    ],
    en: [
      'No tactile relief on the data; printed with toner instead of laser engraving.',
      'The laser engraving does not go through the polycarbonate layer.',
    ],
  },
  inkjet: {
    es: ['Puntos satélite de inyección de tinta visibles alrededor de los caracteres.'],
    en: ['Inkjet satellite dots visible around the characters.'],
  },
  thermal_transfer: {
    es: ['Bordes de los caracteres con rebabas; transferencia térmica irregular.'],
    en: ['Ragged character edges; uneven thermal transfer.'],
  },
  hologram: {
    es: ['El holograma está impreso en plano: no cambia de color al inclinarlo.', 'Holograma adhesivo comercial pegado sobre el laminado.'],
    en: ['The hologram is printed flat: it does not change colour when tilted.', 'Commercial sticker hologram stuck on top of the laminate.'],
  },
  kinegram: { es: ['El kinegrama no muestra movimiento; imitación metalizada.'], en: ['The kinegram shows no movement; a metallised imitation.'] },
  optically_variable_ink: {
    es: ['La tinta ópticamente variable no cambia de verde a azul.', 'Tinta metálica dorada sin cambio de color.'],
    en: ['The optically variable ink does not shift from green to blue.', 'Metallic gold ink with no colour shift.'],
  },
  laminate: {
    es: ['El laminado se levanta en la esquina inferior derecha; restos de adhesivo.', 'Laminado sin el patrón retrorreflectivo.'],
    en: ['The laminate is lifting at the bottom right corner; adhesive residue.', 'Laminate without the retroreflective pattern.'],
  },
  laser_perforation: {
    es: [
      'El número perforado no tiene bordes quemados: perforación mecánica.',
      'La perforación láser no coincide con el número de la página de datos.',
    ],
    en: ['The perforated number has no burnt edges: mechanical perforation.', 'The laser perforation does not match the number on the data page.'],
  },
  mrz: {
    es: ['Los dígitos de control de la ZLM no son válidos.', 'La ZLM usa una fuente distinta de OCR-B y el espaciado es irregular.'],
    en: ['The MRZ check digits are invalid.', 'The MRZ is not in OCR-B and the spacing is irregular.'],
  },
  chip: {
    es: ['El chip no responde a la lectura; la antena está cortada.', 'La firma del chip no valida contra el certificado del país emisor.'],
    en: ['The chip does not answer; the antenna is cut.', "The chip's signature does not validate against the issuing country's certificate."],
  },
  binding: {
    es: ['Costura rehecha con hilo de otro color; agujeros adicionales en el lomo.', 'El hilo de costura no es fluorescente bajo UV.'],
    en: ['Binding re-stitched with thread of another colour; extra holes in the spine.', 'The binding thread does not fluoresce under UV.'],
  },
};

/** Which features a category's description tends to be about. */
export const FEATURES_BY_CATEGORY: Record<string, string[]> = {
  counterfeit: [
    'watermark',
    'security_fibres',
    'uv_dull_paper',
    'intaglio',
    'guilloche',
    'rainbow_printing',
    'microtext',
    'hologram',
    'optically_variable_ink',
    'mrz',
  ],
  forgery: ['laminate', 'laser_engraving', 'inkjet', 'binding', 'laser_perforation', 'mrz', 'hologram', 'chip'],
  fraudulently_obtained: ['chip', 'mrz', 'laser_engraving'],
  impostor: ['laser_engraving', 'latent_image', 'chip'],
  pseudo: ['guilloche', 'microtext', 'uv_dull_paper', 'hologram'],
  genuine_reference: ['watermark', 'intaglio', 'guilloche', 'latent_image', 'kinegram', 'optically_variable_ink', 'laser_perforation', 'chip'],
  stolen_blank: ['inkjet', 'thermal_transfer', 'laser_engraving', 'mrz'],
  lost: ['chip', 'mrz'],
  stolen: ['laminate', 'inkjet', 'mrz'],
  revoked: ['chip', 'laser_perforation'],
};

export const DOCUMENT_WORDS: Record<string, { es: string; en: string }> = {
  passport: { es: 'Pasaporte', en: 'Passport' },
  identity_card: { es: 'Documento de identidad', en: 'Identity card' },
  visa: { es: 'Visa', en: 'Visa' },
  residence_permit: { es: 'Permiso de residencia', en: 'Residence permit' },
  refugee_travel_document: { es: 'Documento de viaje para refugiados', en: 'Refugee travel document' },
  entry_exit_stamp: { es: 'Sello de entrada', en: 'Entry stamp' },
  birth_certificate: { es: 'Partida de nacimiento', en: 'Birth certificate' },
  other: { es: 'Documento', en: 'Document' },
};

export const CATEGORY_SENTENCES: Record<string, { es: string; en: string }> = {
  counterfeit: {
    es: 'Reproducción completa en impresión offset sobre papel con blanqueadores ópticos; el fondo de seguridad aparece tramado bajo lupa.',
    en: 'Complete reproduction printed in offset on paper with optical brighteners; the security background is screened under magnification.',
  },
  fraudulently_obtained: {
    es: 'Documento auténtico expedido con base en una partida de nacimiento falsa; los datos no corresponden a la identidad real del portador.',
    en: 'Genuine document issued on the strength of a false birth certificate; the data do not match the holder’s real identity.',
  },
  pseudo: {
    es: 'Documento de fantasía a nombre de una supuesta entidad internacional inexistente; no corresponde a ningún modelo oficial.',
    en: 'Fantasy document in the name of a non-existent international body; it matches no official model.',
  },
  impostor: {
    es: 'Documento auténtico presentado por una persona de parecido físico con el titular; difieren la forma de las orejas y la estatura declarada.',
    en: 'Genuine document presented by a look-alike of the holder; the ear shape and declared height differ.',
  },
  genuine_reference: {
    es: 'Ejemplar auténtico de referencia para comparar con las falsificaciones detectadas del mismo modelo.',
    en: 'Genuine reference copy, for comparison with the counterfeits of the same model.',
  },
  stolen_blank: {
    es: 'Libreta en blanco de un lote sustraído en una oficina emisora; personalizada con impresora de inyección de tinta.',
    en: 'Blank booklet from a batch stolen from an issuing office; personalised with an inkjet printer.',
  },
  lost: {
    es: 'Documento reportado como extraviado por su titular y presentado por otra persona.',
    en: 'Document reported lost by its holder and presented by someone else.',
  },
  stolen: {
    es: 'Documento reportado como robado; la fotografía fue sustituida antes de su uso.',
    en: 'Document reported stolen; the photograph was replaced before use.',
  },
  revoked: {
    es: 'Documento revocado por la autoridad emisora y presentado después de la revocación.',
    en: 'Document revoked by the issuing authority and presented after the revocation.',
  },
};

export const FORGERY_SENTENCES: Record<string, { es: string; en: string }> = {
  photo_substitution: {
    es: 'La fotografía original fue retirada y sustituida; restos de adhesivo y laminado levantado alrededor del retrato.',
    en: 'The original photograph was removed and replaced; adhesive residue and lifted laminate around the portrait.',
  },
  page_substitution: {
    es: 'La página de datos fue reemplazada; la costura presenta puntadas irregulares y el hilo no coincide con el modelo.',
    en: 'The data page was replaced; the stitching is irregular and the thread does not match the model.',
  },
  data_alteration: {
    es: 'Nombre y fecha de nacimiento alterados por raspado químico; la tinta de personalización difiere bajo UV.',
    en: 'Name and date of birth altered by chemical erasure; the personalisation ink differs under UV.',
  },
  erasure: {
    es: 'Se borró un sello de salida con solvente; la zona muestra una mancha fluorescente bajo UV.',
    en: 'An exit stamp was removed with solvent; the area shows a fluorescent stain under UV.',
  },
};

export const CONTEXT_SENTENCES: { es: string; en: string }[] = [
  {
    es: 'Según el portador, el documento se obtuvo por medio de un tramitador a cambio de {amount} dólares.',
    en: 'According to the holder, the document was obtained through a fixer for {amount} dollars.',
  },
  {
    es: 'El portador viajaba en un grupo de {count} personas con documentos del mismo modelo.',
    en: 'The holder travelled in a group of {count} people with documents of the same model.',
  },
  {
    es: 'Se detectó en la revisión secundaria tras una discrepancia en la entrevista.',
    en: 'Detected at secondary inspection after inconsistencies in the interview.',
  },
  {
    es: 'El documento venía acompañado de un boleto de regreso falso y una reserva de hotel inexistente.',
    en: 'The document came with a fake return ticket and a non-existent hotel booking.',
  },
  {
    es: 'La lectura del chip falló en el quiosco automático y el caso pasó a primera línea.',
    en: 'The chip read failed at the automated kiosk and the case went to the first-line officer.',
  },
  {
    es: 'Coincide con el modus operandi reportado en la ruta del Pacífico durante el último trimestre.',
    en: 'Matches the modus operandi reported on the Pacific route during the last quarter.',
  },
];

export const SIGHTING_NOTES: { es: string; en: string }[] = [
  { es: 'Mismo modelo, mismo defecto del holograma.', en: 'Same model, same hologram defect.' },
  { es: 'Detectado en segunda línea; el portador declaró la misma ruta.', en: 'Detected at second line; the holder declared the same route.' },
  { es: 'Numeración consecutiva con el ejemplar publicado.', en: 'Number consecutive with the published specimen.' },
  { es: 'Laminado con el mismo levantamiento en la esquina.', en: 'Laminate lifting at the same corner.' },
];

export const FALSE_POSITIVE_NOTES: { es: string; en: string }[] = [
  {
    es: 'Tras verificación con la autoridad emisora, el documento resultó auténtico.',
    en: 'Checked with the issuing authority: the document was genuine.',
  },
  { es: 'Diferencia explicada por una reimpresión oficial del modelo.', en: 'Difference explained by an official reprint of the model.' },
];

/** People of the demo, per country: officer, contact point, substitute (invented names). */
export const PEOPLE: Record<string, [string, string, string]> = {
  BLZ: ['Shanice Young', 'Dwight Arnold', 'Marisol Chan'],
  CAN: ['Émilie Tremblay', 'Daniel Ng', 'Priya Sandhu'],
  CRI: ['Andrea Solís Vargas', 'Mauricio Chaves Rojas', 'Laura Jiménez Mora'],
  DOM: ['Yokasta Peña', 'Ramón Tavárez', 'Juana Almonte'],
  GTM: ['Luis Fernando Cifuentes', 'Ingrid Ajú Tzoc', 'Byron Estrada'],
  HND: ['Karla Zelaya Maradiaga', 'Óscar Banegas', 'Dania Euceda'],
  MEX: ['Alejandra Villaseñor', 'Héctor Ruelas', 'Mónica Trejo'],
  NIC: ['Xiomara Pavón', 'Julio Amador', 'Fátima Rocha'],
  PAN: ['Itzel Batista', 'Rogelio Caballero', 'Yarisel Castillo'],
  SLV: ['Walter Menjívar', 'Claudia Guardado', 'René Portillo'],
  USA: ['Megan Holloway', 'Carlos Ibarra', 'Tanya Brooks'],
};

/**
 * The demo's early alerts, issued by a member country's officer (DOMAIN.md §4). Times are hours
 * before the demo's "now"; `validUntilHours` is hours after it (negative: the validity already
 * ended). Urgent alerts are published at once (and wait for review); the others wait for the
 * country's contact point, who published some of them. Linked specimens are picked from the
 * demo's published ones (CLEAR, GREEN or AMBER, preferring these document types). The words are
 * invented, in both languages as regional bulletins often are; no one named in them exists.
 */
export interface AlertSeed {
  country: string;
  space: 'documents' | 'control';
  severity: 'info' | 'warning' | 'urgent';
  fate: 'published' | 'submitted';
  tlp: 'CLEAR' | 'GREEN' | 'AMBER';
  sourceEvaluation: 'A' | 'B' | 'C' | 'X';
  informationEvaluation: 1 | 2 | 3 | 4;
  targetCountries: string[];
  /** Organisation codes: the migration authorities above. */
  targetOrganisations: string[];
  ports: string[];
  issuedHoursAgo: number;
  publishedHoursAgo?: number;
  validUntilHours: number;
  links: { count: number; documentTypes: string[] };
  /** What the alert desk of one targeted authority did with it, hours after delivery. */
  recipient?: { organisation: string; does: 'read' | 'acknowledge'; hoursAfter: number };
  title: string;
  body: string;
}

export const ALERTS: AlertSeed[] = [
  {
    country: 'GTM',
    space: 'documents',
    severity: 'urgent',
    fate: 'published',
    tlp: 'AMBER',
    sourceEvaluation: 'A',
    informationEvaluation: 2,
    targetCountries: ['GTM', 'MEX', 'SLV', 'HND'],
    targetOrganisations: ['GTM-IGM-TECUN', 'MEX-INM-AICM'],
    ports: ['Tecún Umán', 'Ciudad Hidalgo', 'Aeropuerto Internacional de la Ciudad de México'],
    issuedHoursAgo: 5,
    validUntilHours: 5 * 24,
    links: { count: 1, documentTypes: ['passport'] },
    title:
      'Grupo con pasaportes de página de datos sustituida rumbo a Tecún Umán y al AICM / Group with substituted-data-page passports heading for Tecún Umán and AICM',
    body:
      'Esta mañana, en Agua Caliente, se detectaron tres pasaportes con la página de datos sustituida, presentados por personas que viajaban juntas desde San Pedro Sula. ' +
      'Según la entrevista, al menos otras siete personas del mismo grupo siguieron hacia Tecún Umán y tienen boletos para salir del AICM en los próximos cinco días. ' +
      'Se solicita enviar a revisión secundaria los pasaportes de la misma serie y revisar la costura, el laminado y la perforación láser de la página de datos.\n\n' +
      'This morning at Agua Caliente, three passports with a substituted data page were detected on people travelling together from San Pedro Sula. ' +
      'According to the interview, at least seven more members of the same group went on towards Tecún Umán and hold tickets out of AICM within the next five days. ' +
      'Please refer passports of the same series to secondary inspection and check the stitching, the laminate and the laser perforation of the data page.',
  },
  {
    country: 'PAN',
    space: 'control',
    severity: 'warning',
    fate: 'submitted',
    tlp: 'GREEN',
    sourceEvaluation: 'B',
    informationEvaluation: 2,
    targetCountries: ['PAN', 'CRI', 'NIC'],
    targetOrganisations: ['PAN-SNM-TOCUMEN'],
    ports: ['Aeropuerto Internacional de Tocumen', 'Paso Canoas'],
    issuedHoursAgo: 20,
    validUntilHours: 14 * 24,
    links: { count: 0, documentTypes: [] },
    title: 'Visas de tránsito falsas en conexiones por Tocumen / Counterfeit transit visas on connections through Tocumen',
    body:
      'Desde el inicio de la semana, pasajeros en conexión por Tocumen con destino final en Centroamérica presentan visas de tránsito tipo calcomanía con el holograma impreso en plano ' +
      'y el mismo número de control repetido en varios ejemplares. Los boletos de continuación se compraron el mismo día y en efectivo. ' +
      'Se recomienda verificar el número de cada visa en la base consular antes de autorizar el embarque.\n\n' +
      'Since the start of the week, passengers connecting through Tocumen to final destinations in Central America have presented sticker transit visas whose hologram is printed flat ' +
      'and whose control number repeats across several copies. The onward tickets were bought on the same day, in cash. ' +
      'Please check each visa number against the consular database before boarding is allowed.',
  },
  {
    country: 'CRI',
    space: 'control',
    severity: 'info',
    fate: 'published',
    tlp: 'GREEN',
    sourceEvaluation: 'A',
    informationEvaluation: 1,
    targetCountries: ['CRI', 'NIC', 'PAN'],
    targetOrganisations: ['PAN-SNM-TOCUMEN'],
    ports: ['Peñas Blancas', 'Paso Canoas', 'Aeropuerto Internacional Juan Santamaría'],
    issuedHoursAgo: 40 * 24,
    publishedHoursAgo: 39 * 24,
    validUntilHours: -10 * 24,
    links: { count: 0, documentTypes: [] },
    title:
      'Transición al nuevo carné de residente: ambos modelos válidos hasta fin de mes / New residence card: both models valid until the end of the month',
    body:
      'Durante el período de transición, el carné de residente del modelo anterior y el nuevo modelo con ventana transparente y grabado láser se aceptan por igual en los puestos de control. ' +
      'Al terminar el período, solo el nuevo modelo será válido para entrar y salir del país; los carnés del modelo anterior deberán remitirse a revisión secundaria.\n\n' +
      'During the transition period, the previous residence card and the new model with a clear window and laser engraving are both accepted at control posts. ' +
      'Once the period ends, only the new model is valid for entry and exit; cards of the previous model are to be referred to secondary inspection.',
  },
  {
    country: 'MEX',
    space: 'control',
    severity: 'warning',
    fate: 'published',
    tlp: 'AMBER',
    sourceEvaluation: 'B',
    informationEvaluation: 2,
    targetCountries: ['MEX', 'GTM', 'USA'],
    targetOrganisations: ['MEX-INM-AICM'],
    ports: ['Aeropuerto Internacional de la Ciudad de México', 'Aeropuerto Internacional de Cancún', 'Ciudad Hidalgo'],
    issuedHoursAgo: 96,
    publishedHoursAgo: 84,
    validUntilHours: 27 * 24,
    links: { count: 2, documentTypes: ['entry_exit_stamp', 'passport'] },
    recipient: { organisation: 'MEX-INM-AICM', does: 'acknowledge', hoursAfter: 2 },
    title:
      'Sellos de entrada del AICM falsificados en pasaportes de viajeros en tránsito / Counterfeit AICM entry stamps in the passports of travellers in transit',
    body:
      'Se detectaron sellos de entrada atribuidos al AICM con fechas en que el módulo indicado no estaba en servicio; la tinta no reacciona bajo UV y el número de control del fechador no existe. ' +
      'Los portadores declararon haber llegado por vía aérea y presentaron después los pasaportes en la frontera sur para justificar una estancia regular. ' +
      'Se pide verificar contra el registro de entradas todo sello del AICM de los últimos 60 días presentado en un paso terrestre.\n\n' +
      "Entry stamps attributed to AICM were found bearing dates on which the stated booth was not in service; the ink does not react under UV and the dater's control number does not exist. " +
      'The holders claimed to have arrived by air and later showed the passports at the southern border to prove a regular stay. ' +
      'Please check against the entry records every AICM stamp from the last 60 days presented at a land crossing.',
  },
  {
    country: 'HND',
    space: 'documents',
    severity: 'info',
    fate: 'published',
    tlp: 'GREEN',
    sourceEvaluation: 'B',
    informationEvaluation: 3,
    targetCountries: ['HND', 'GTM', 'SLV', 'NIC', 'PAN'],
    targetOrganisations: ['GTM-IGM-TECUN', 'PAN-SNM-TOCUMEN'],
    ports: ['Agua Caliente', 'Corinto', 'Tecún Umán', 'Aeropuerto Internacional de Tocumen'],
    issuedHoursAgo: 9 * 24,
    publishedHoursAgo: 8 * 24,
    validUntilHours: 60 * 24,
    links: { count: 1, documentTypes: ['identity_card'] },
    recipient: { organisation: 'GTM-IGM-TECUN', does: 'read', hoursAfter: 20 },
    title:
      'Tendencia: documentos de identidad con datos alterados en la ruta terrestre hacia el norte / Trend: identity cards with altered data on the overland route north',
    body:
      'En el último trimestre aumentaron las detecciones de documentos de identidad auténticos con el nombre y la fecha de nacimiento alterados por raspado químico, ' +
      'usados para aparentar mayoría de edad o para viajar con la identidad de un familiar. Aparecen sobre todo en los pasos terrestres y, cada vez más, en vuelos de conexión. ' +
      'La zona alterada muestra una mancha fluorescente bajo UV 365 nm.\n\n' +
      "Over the last quarter, detections have risen of genuine identity cards whose name and date of birth were altered by chemical erasure, used to appear to be of age or to travel under a relative's identity. " +
      'They turn up mostly at land crossings and, increasingly, on connecting flights. The altered area shows a fluorescent stain under UV 365 nm.',
  },
];
