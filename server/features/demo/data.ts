/**
 * The vocabulary of the demo portal: organisations, networks, places, routes, names and the
 * sentences descriptions and feature notes are made of. Everything a person could mistake for a
 * record is invented: holders' names are random pairings, document numbers random in plausible
 * formats. Institutions and border posts are the real public ones, so that the demo reads true.
 */
import type { CountryCode } from '../../platform/reference/countries.ts';

export interface OrganisationSeed {
  code: string;
  country: CountryCode;
  kind: 'member_authority' | 'observer' | 'secretariat';
  nameEs: string;
  nameEn: string;
}

export const ORGANISATIONS: OrganisationSeed[] = [
  { code: 'BLZ-IND', country: 'BLZ', kind: 'member_authority', nameEs: 'Departamento de Inmigración y Nacionalidad de Belice', nameEn: 'Immigration and Nationality Department of Belize' },
  { code: 'CAN-CBSA', country: 'CAN', kind: 'member_authority', nameEs: 'Agencia de Servicios Fronterizos de Canadá', nameEn: 'Canada Border Services Agency' },
  { code: 'CRI-DGME', country: 'CRI', kind: 'member_authority', nameEs: 'Dirección General de Migración y Extranjería de Costa Rica', nameEn: 'Directorate General of Migration and Foreigners of Costa Rica' },
  { code: 'DOM-DGM', country: 'DOM', kind: 'member_authority', nameEs: 'Dirección General de Migración de la República Dominicana', nameEn: 'Directorate General of Migration of the Dominican Republic' },
  { code: 'GTM-IGM', country: 'GTM', kind: 'member_authority', nameEs: 'Instituto Guatemalteco de Migración', nameEn: 'Guatemalan Migration Institute' },
  { code: 'HND-INM', country: 'HND', kind: 'member_authority', nameEs: 'Instituto Nacional de Migración de Honduras', nameEn: 'National Migration Institute of Honduras' },
  { code: 'MEX-INM', country: 'MEX', kind: 'member_authority', nameEs: 'Instituto Nacional de Migración de México', nameEn: 'National Migration Institute of Mexico' },
  { code: 'NIC-DGME', country: 'NIC', kind: 'member_authority', nameEs: 'Dirección General de Migración y Extranjería de Nicaragua', nameEn: 'Directorate General of Migration and Foreigners of Nicaragua' },
  { code: 'PAN-SNM', country: 'PAN', kind: 'member_authority', nameEs: 'Servicio Nacional de Migración de Panamá', nameEn: 'National Migration Service of Panama' },
  { code: 'SLV-DGME', country: 'SLV', kind: 'member_authority', nameEs: 'Dirección General de Migración y Extranjería de El Salvador', nameEn: 'Directorate General of Migration and Foreigners of El Salvador' },
  { code: 'USA-CBP', country: 'USA', kind: 'member_authority', nameEs: 'Oficina de Aduanas y Protección Fronteriza de los Estados Unidos', nameEn: 'U.S. Customs and Border Protection' },
  { code: 'IOM', country: 'IOM', kind: 'observer', nameEs: 'Organización Internacional para las Migraciones (OIM)', nameEn: 'International Organization for Migration (IOM)' },
  { code: 'UNHCR', country: 'UNHCR', kind: 'observer', nameEs: 'Alto Comisionado de las Naciones Unidas para los Refugiados (ACNUR)', nameEn: 'United Nations High Commissioner for Refugees (UNHCR)' },
  { code: 'RROCM', country: 'RROCM', kind: 'observer', nameEs: 'Red Regional de Organizaciones Civiles para las Migraciones', nameEn: 'Regional Network of Civil Organisations for Migration' },
  { code: 'SV', country: 'SV', kind: 'secretariat', nameEs: 'Secretaría Técnica — Secretaría Virtual', nameEn: 'Technical Secretariat — Virtual Secretariat' },
];

export interface NetworkSeed {
  code: string;
  nameEs: string;
  nameEn: string;
  spaces: { key: string; nameEs: string; nameEn: string; descriptionEs: string; descriptionEn: string; monthsAgo: number }[];
}

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
        descriptionEs: 'Especímenes de documentos de viaje y migratorios falsos, alterados u obtenidos fraudulentamente, detectados por los países miembros.',
        descriptionEn: 'Specimens of counterfeit, forged or fraudulently obtained travel and migration documents detected by the member countries.',
        monthsAgo: 30,
      },
      {
        key: 'routes',
        nameEs: 'Rutas y modus operandi',
        nameEn: 'Routes and modus operandi',
        descriptionEs: 'Rutas, métodos y características de las redes de tráfico ilícito de migrantes.',
        descriptionEn: 'Routes, methods and characteristics of migrant-smuggling networks.',
        monthsAgo: 14,
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
        monthsAgo: 26,
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
  ['GTM', 8], ['HND', 8], ['SLV', 6], ['NIC', 5], ['MEX', 4], ['CRI', 2], ['PAN', 2], ['DOM', 4], ['BLZ', 1],
  ['VEN', 9], ['CUB', 7], ['HTI', 7], ['ECU', 6], ['COL', 5], ['PER', 2], ['IND', 3], ['CHN', 3], ['SEN', 2], ['CMR', 1],
  ['AFG', 1], ['BGD', 1], ['NPL', 1], ['GHA', 1], ['TUR', 1],
];

/** Who issued the document (member states mostly, and the extra-regional ones most often forged). */
export const ISSUERS: [string, number][] = [
  ['GTM', 9], ['HND', 9], ['SLV', 7], ['NIC', 6], ['MEX', 9], ['CRI', 6], ['PAN', 6], ['DOM', 6], ['BLZ', 3], ['USA', 8], ['CAN', 5],
  ['VEN', 5], ['COL', 4], ['ECU', 3], ['ESP', 3], ['ITA', 2], ['PER', 2], ['XXB', 1],
];

/** Colour family of an issuer's pictures (a few families: each is drawn once and shared). */
export const HUES: Record<string, number> = {
  GTM: 200, HND: 200, NIC: 200, SLV: 240, CRI: 240, USA: 240, MEX: 140, BLZ: 140, ITA: 140,
  PAN: 350, PER: 350, DOM: 280, XXB: 280, CAN: 0, ESP: 0, VEN: 40, COL: 40, ECU: 40,
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
  F: ['María', 'Ana', 'Rosa', 'Daniela', 'Yessenia', 'Dayana', 'Karla', 'Ingrid', 'Marisol', 'Lucía', 'Gabriela', 'Wendy', 'Sofía', 'Mariela', 'Nathalie', 'Esther', 'Yolanda', 'Fabiola', 'Marie', 'Guerline'],
  M: ['José', 'Luis', 'Carlos', 'Juan', 'Kevin', 'Wilmer', 'Jonathan', 'Marvin', 'Edwin', 'Óscar', 'Jorge', 'Elvin', 'Ronald', 'Henry', 'Francisco', 'Víctor', 'Jean', 'Pierre', 'Ravi', 'Moussa'],
};
export const SURNAMES = [
  'Hernández', 'López', 'Martínez', 'Pérez', 'Ramírez', 'Castillo', 'Aguilar', 'Mejía', 'Orellana', 'Cruz', 'Reyes', 'Flores',
  'Rivera', 'Gómez', 'Morales', 'Alvarado', 'Zelaya', 'Cáceres', 'Pineda', 'Escobar', 'Villatoro', 'Solórzano', 'Quiñónez',
  'Batres', 'Argueta', 'Chavarría', 'Núñez', 'Montenegro', 'Joseph', 'Pierre-Louis', 'Singh', 'Diallo', 'Mendoza', 'Obando',
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
    es: ['La marca de agua está impresa en la superficie con tinta blanca: no se ve por transparencia.', 'Marca de agua simulada; los tonos no son graduales al contraluz.'],
    en: ['The watermark is printed on the surface in white ink: it does not show against the light.', 'Simulated watermark; no gradual tones when held against the light.'],
  },
  security_fibres: {
    es: ['Las fibras están impresas, no incorporadas al papel: no se pueden levantar con una aguja.', 'Fibras fluorescentes ausentes bajo UV 365 nm.'],
    en: ['The fibres are printed, not embedded in the paper: they cannot be lifted with a needle.', 'No fluorescent fibres under UV 365 nm.'],
  },
  planchettes: { es: ['Planchetas impresas en offset, sin relieve.'], en: ['Planchettes printed in offset, no relief.'] },
  uv_dull_paper: {
    es: ['El papel reacciona con fluorescencia azul intensa bajo UV (contiene blanqueadores ópticos).', 'Soporte fluorescente; el original es opaco al UV.'],
    en: ['The paper glows bright blue under UV (it contains optical brighteners).', 'Fluorescent substrate; the genuine one is UV-dull.'],
  },
  intaglio: {
    es: ['Sin relieve táctil en el escudo ni en el título; impresión plana.', 'La calcografía se simula con un barniz brillante.'],
    en: ['No tactile relief on the coat of arms or title; flat printing.', 'Intaglio simulated with a glossy varnish.'],
  },
  guilloche: {
    es: ['Las líneas del fondo de seguridad se ven tramadas y cortadas bajo lupa de 10×.', 'Guilloches discontinuos en las esquinas; la línea no es continua.'],
    en: ['Background lines look screened and broken under a 10× loupe.', 'Broken guilloche at the corners; the line is not continuous.'],
  },
  rainbow_printing: { es: ['La transición de color es por tramas de puntos, no continua.'], en: ['The colour transition is made of dots, not continuous.'] },
  microtext: {
    es: ['El microtexto es ilegible: una línea punteada en lugar de letras.', 'Microtexto con errores ortográficos ("REPUBICA").'],
    en: ['The microtext is illegible: a dotted line instead of letters.', 'Microtext with spelling mistakes ("REPUBICA").'],
  },
  latent_image: { es: ['La imagen latente no aparece al inclinar el documento.'], en: ['The latent image does not appear when the document is tilted.'] },
  laser_engraving: {
    es: ['Los datos no tienen relieve táctil; impresos con tóner en lugar de grabado láser.', 'El grabado láser no atraviesa la capa de policarbonato.'],
    en: ['No tactile relief on the data; printed with toner instead of laser engraving.', 'The laser engraving does not go through the polycarbonate layer.'],
  },
  inkjet: { es: ['Puntos satélite de inyección de tinta visibles alrededor de los caracteres.'], en: ['Inkjet satellite dots visible around the characters.'] },
  thermal_transfer: { es: ['Bordes de los caracteres con rebabas; transferencia térmica irregular.'], en: ['Ragged character edges; uneven thermal transfer.'] },
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
    es: ['El número perforado no tiene bordes quemados: perforación mecánica.', 'La perforación láser no coincide con el número de la página de datos.'],
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
  counterfeit: ['watermark', 'security_fibres', 'uv_dull_paper', 'intaglio', 'guilloche', 'rainbow_printing', 'microtext', 'hologram', 'optically_variable_ink', 'mrz'],
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
  { es: 'Tras verificación con la autoridad emisora, el documento resultó auténtico.', en: 'Checked with the issuing authority: the document was genuine.' },
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
