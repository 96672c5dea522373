import type { Column, TemplatePreset } from './schemas.ts';

/**
 * The seeds' four returns as ready definitions the Secretariat creates templates from: the
 * semiannual matrix of extra-regional migrant flows (000: "matrices para la recopilación de
 * información de flujos de migrantes extra-regionales… cada seis meses"), IOM's comparative
 * legislation matrix (001 §1.2.1, observers contribute), the Palermo protocol implementation report
 * (000) and the countries' written reports on achievements, progress and challenges (004).
 */
const MEASURES = [
  { key: 'detected', es: 'Detectados', en: 'Detected' },
  { key: 'irregular_entry', es: 'Ingresos irregulares', en: 'Irregular entries' },
  { key: 'returned', es: 'Retornados', en: 'Returned' },
  { key: 'asylum_request', es: 'Solicitudes de asilo', en: 'Asylum requests' },
] as const;
const SEXES = [
  { key: 'female', es: 'mujeres', en: 'women' },
  { key: 'male', es: 'hombres', en: 'men' },
] as const;
const AGES = [
  { key: 'adult', es: 'adultos', en: 'adults', esF: 'adultas' },
  { key: 'minor', es: 'menores', en: 'minors', esF: 'menores' },
] as const;

/** Each measure × sex × adult or minor: `detected.female.minor`, "Detectados — mujeres menores". */
const FLOW_COLUMNS: Column[] = MEASURES.flatMap((m) =>
  SEXES.flatMap((s) =>
    AGES.map((a) => ({
      key: `${m.key}.${s.key}.${a.key}`,
      labelEs: `${m.es} — ${s.es} ${s.key === 'female' ? a.esF : a.es}`,
      labelEn: `${m.en} — ${s.en}, ${a.en}`,
      measure: m.key,
      sex: s.key,
      age: a.key,
    })),
  ),
);

export const PRESETS: TemplatePreset[] = [
  {
    preset: 'extra_regional_flows',
    kind: 'matrix',
    titleEs: 'Matriz semestral de flujos de migrantes extra-regionales',
    titleEn: 'Semiannual matrix of extra-regional migrant flows',
    periodKind: 'semester',
    dueDays: 30,
    observersContribute: false,
    dimensions: [
      { key: 'nationality', labelEs: 'Nacionalidad', labelEn: 'Nationality', type: 'country' },
      { key: 'route', labelEs: 'Punto de ingreso o ruta', labelEn: 'Entry point or route', type: 'text' },
    ],
    columns: FLOW_COLUMNS,
  },
  {
    preset: 'legislation_matrix',
    kind: 'matrix',
    titleEs: 'Matriz comparativa de legislación contra el tráfico ilícito de migrantes',
    titleEn: 'Comparative matrix of legislation against migrant smuggling',
    periodKind: 'semester',
    dueDays: 45,
    observersContribute: true,
    dimensions: [
      {
        key: 'topic',
        labelEs: 'Tema',
        labelEn: 'Topic',
        type: 'choice',
        values: [
          { key: 'migrant_smuggling', labelEs: 'Tráfico ilícito de migrantes', labelEn: 'Migrant smuggling' },
          { key: 'trafficking_in_persons', labelEs: 'Trata de personas', labelEn: 'Trafficking in persons' },
          { key: 'document_fraud', labelEs: 'Fraude documental', labelEn: 'Document fraud' },
          { key: 'irregular_entry', labelEs: 'Ingreso irregular', labelEn: 'Irregular entry' },
        ],
      },
    ],
    columns: [
      { key: 'criminalised', labelEs: 'Tipificado (1 sí, 0 no)', labelEn: 'Criminalised (1 yes, 0 no)' },
      { key: 'penalty_min_years', labelEs: 'Pena mínima (años)', labelEn: 'Minimum penalty (years)' },
      { key: 'penalty_max_years', labelEs: 'Pena máxima (años)', labelEn: 'Maximum penalty (years)' },
      { key: 'reforms', labelEs: 'Reformas en el periodo', labelEn: 'Reforms in the period' },
    ],
  },
  {
    preset: 'palermo_protocol',
    kind: 'written',
    titleEs: 'Informe de implementación del Protocolo de Palermo',
    titleEn: 'Palermo protocol implementation report',
    periodKind: 'year',
    dueDays: 60,
    observersContribute: false,
    sections: [
      { key: 'ratification', labelEs: 'Ratificación y vigencia', labelEn: 'Ratification and entry into force' },
      { key: 'legislation', labelEs: 'Adecuación de la legislación', labelEn: 'Legislation brought into line' },
      { key: 'prevention', labelEs: 'Prevención', labelEn: 'Prevention' },
      { key: 'protection', labelEs: 'Protección de las víctimas', labelEn: 'Protection of victims' },
      { key: 'cooperation', labelEs: 'Cooperación internacional', labelEn: 'International cooperation' },
    ],
  },
  {
    preset: 'country_report',
    kind: 'written',
    titleEs: 'Informe por escrito del país: logros, avances y retos',
    titleEn: 'Written country report: achievements, progress and challenges',
    periodKind: 'semester',
    dueDays: 30,
    observersContribute: false,
    sections: [
      { key: 'achievements', labelEs: 'Logros', labelEn: 'Achievements' },
      { key: 'progress', labelEs: 'Avances', labelEn: 'Progress' },
      { key: 'challenges', labelEs: 'Retos', labelEn: 'Challenges' },
    ],
  },
];
