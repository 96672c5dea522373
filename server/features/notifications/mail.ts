import type { NotificationKind } from '../../platform/db/schema.ts';
import type { Language } from '../../platform/i18n/language.ts';
import type { NotificationRow } from '../../platform/notifications/store.ts';
import { countryName } from '../../platform/reference/countries.ts';

/**
 * What a notice's mail says, in its user's language: the kind (subject and first line), the label
 * — the item's kind and id, or the obligation's name (a space's) with its due date — and a link to
 * the portal. Never an item's title or content, whatever the kind.
 */
type Text = Record<Exclude<NotificationKind, 'saved_search'>, string>;

const SUBJECTS: Record<Language, Text & { saved_search: string; digest: string }> = {
  en: {
    saved_search: 'A new item matches one of your saved searches',
    validation_waiting: 'An item waits for your validation',
    returned_to_draft: 'Your item was returned to draft',
    correction_proposed: 'A correction of your item was proposed',
    correction_decided: 'A correction was decided',
    sighting: 'A sighting was reported on your item',
    deadline_due: 'A deadline of your country is near',
    deadline_late: 'A deadline of your country has passed',
    entry_requirement_changed: 'The entry requirements changed',
    directory_unconfirmed: 'Your country’s directory entry waits for confirmation',
    meeting_reminder: 'A meeting is coming up',
    digest: 'Your weekly summary of notifications',
  },
  es: {
    saved_search: 'Un elemento nuevo coincide con una de sus búsquedas guardadas',
    validation_waiting: 'Un elemento espera su validación',
    returned_to_draft: 'Su elemento fue devuelto a borrador',
    correction_proposed: 'Se propuso una corrección de su elemento',
    correction_decided: 'Se decidió una corrección',
    sighting: 'Se informó un avistamiento de su elemento',
    deadline_due: 'Se acerca un plazo de su país',
    deadline_late: 'Venció un plazo de su país',
    entry_requirement_changed: 'Cambiaron los requisitos de entrada',
    directory_unconfirmed: 'La ficha de su país en el directorio espera su confirmación',
    meeting_reminder: 'Se acerca una reunión',
    digest: 'Su resumen semanal de notificaciones',
  },
};

const ITEM_KINDS: Record<Language, Record<string, string>> = {
  en: { specimen: 'Specimen', report: 'Report', alert: 'Alert', person: 'Person record' },
  es: { specimen: 'Espécimen', report: 'Informe', alert: 'Alerta', person: 'Registro de persona' },
};

const ITEM_PATHS: Record<string, string> = { specimen: 'specimens', report: 'reports', alert: 'alerts', person: 'persons' };

const WORDS = {
  en: {
    loading: (label: string) => `Loading of the space “${label}”`,
    return: (label: string) => `Return “${label}”`,
    directory: (label: string) => `Directory of the network “${label}”, not confirmed for six months`,
    meeting: (label: string, on: string) => `Meeting “${label}”, on ${on}`,
    due: (on: string) => `due on ${on}`,
    entry: (destination: string | null, nationality: string | null) =>
      `Entry into ${destination ?? 'several countries'} for nationals of ${nationality ?? 'several nationalities'}`,
    open: 'Open it in the portal',
    footer: 'You receive this mail because of your notification choices. You can change them in the portal, under Notifications.',
    digestLead: (count: number) => `${count} unread notification${count === 1 ? '' : 's'} since your last summary:`,
  },
  es: {
    loading: (label: string) => `Carga del espacio «${label}»`,
    return: (label: string) => `Declaración periódica «${label}»`,
    directory: (label: string) => `Directorio de la red «${label}», sin confirmar desde hace seis meses`,
    meeting: (label: string, on: string) => `Reunión «${label}», el ${on}`,
    due: (on: string) => `vence el ${on}`,
    entry: (destination: string | null, nationality: string | null) =>
      `Ingreso a ${destination ?? 'varios países'} de nacionales de ${nationality ?? 'varias nacionalidades'}`,
    open: 'Ábralo en el portal',
    footer: 'Recibe este correo por sus preferencias de notificación. Puede cambiarlas en el portal, en Notificaciones.',
    digestLead: (count: number) => `${count} notificaci${count === 1 ? 'ón' : 'ones'} sin leer desde su último resumen:`,
  },
} as const;

/** The notice's label in words: the item's kind and id, or the obligation's name and due date. */
function labelOf(n: NotificationRow, language: Language): string {
  const words = WORDS[language];
  if (n.kind === 'entry_requirement_changed') {
    const name = (code: string | null) => (code ? countryName(code, language) : null);
    return words.entry(name(n.destination), name(n.nationality));
  }
  if (n.obligation) return `${words[n.obligation](n.label ?? '')}, ${words.due(n.dueOn ?? '')}`;
  if (n.kind === 'directory_unconfirmed') return words.directory(n.label ?? '');
  if (n.kind === 'meeting_reminder') return words.meeting(n.label ?? '', n.dueOn ?? '');
  if (n.kind === 'saved_search') return ITEM_KINDS[language][n.itemKind ?? ''] ?? '';
  return `${ITEM_KINDS[language][n.itemKind ?? ''] ?? ''} ${n.itemId}`;
}

/** Where a notice leads in the portal: its item, the space that is due, the returns, the entry requirements, the directory, or the notifications. */
function linkOf(portal: string, n: NotificationRow): string {
  if (n.itemId && n.itemKind && n.kind !== 'saved_search') return `${portal}/${ITEM_PATHS[n.itemKind]}/${n.itemId}`;
  if (n.kind === 'entry_requirement_changed') return `${portal}/entry-requirements`;
  if (n.obligation === 'loading' && n.spaceId) return `${portal}/spaces/${n.spaceId}`;
  if (n.obligation === 'return') return `${portal}/returns`;
  if (n.kind === 'directory_unconfirmed') return `${portal}/directory`;
  if (n.kind === 'meeting_reminder' && n.subjectId) return `${portal}/meetings/${n.subjectId}`;
  return `${portal}/notifications`;
}

export function noticeMail(portal: string, n: NotificationRow, language: Language): { subject: string; text: string } {
  const subject = SUBJECTS[language][n.kind];
  const words = WORDS[language];
  return {
    subject: `Enlace: ${subject}`,
    text: `${subject}.\n\n${labelOf(n, language)}\n\n${words.open}: ${linkOf(portal, n)}\n\n${words.footer}\n`,
  };
}

export function digestMail(portal: string, notices: NotificationRow[], language: Language): { subject: string; text: string } {
  const words = WORDS[language];
  const lines = notices.map((n) => `- ${SUBJECTS[language][n.kind]}: ${labelOf(n, language)}\n  ${linkOf(portal, n)}`);
  return {
    subject: `Enlace: ${SUBJECTS[language].digest}`,
    text: `${words.digestLead(notices.length)}\n\n${lines.join('\n')}\n\n${words.open}: ${portal}/notifications\n\n${words.footer}\n`,
  };
}
