// The English catalogue is the reference: every key here must exist in es.ts (the compiler checks it).
export const en = {
  'app.name': 'Enlace',
  'app.tagline': 'Secure exchange portal of the migration authorities',
  'app.skipToContent': 'Skip to content',
  'lang.label': 'Language',
  'lang.es': 'Español',
  'lang.en': 'English',
  'nav.label': 'Main navigation',
  'nav.home': 'Home',
  'home.title': 'Welcome to Enlace',
  'home.lead':
    'The private portal where liaison officers exchange specimens of fraudulent travel documents, smuggling routes and methods, and early alerts.',
  'home.specimens.title': 'Document specimens',
  'home.specimens.text': 'Counterfeits, forgeries and fraudulently obtained documents, with images under several lights.',
  'home.alerts.title': 'Early alerts',
  'home.alerts.text': 'Alerts to migration authorities, delivered in the portal, by encrypted e-mail and to national systems.',
  'home.audit.title': 'Audit trail',
  'home.audit.text': 'Every access is recorded in a tamper-evident log that auditors can verify.',
  'footer.handling': 'Restricted information. Handle according to its TLP label.',
  'status.checking': 'Checking the service…',
  'status.ready': 'Service available',
  'status.unavailable': 'Service unavailable — try again in a few minutes.',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
