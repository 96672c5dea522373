import { placeName } from '../../platform/reference/countries.ts';
import type { AlertContent } from './schemas.ts';

/**
 * Alert mail, in the recipient's language. The subject never carries content. `secret` is what
 * is encrypted to a recipient's key (the alert itself); `plain` is what goes out when they have
 * none (a notice and a link); `encryptedPreamble` precedes the encrypted block in the clear.
 */
export type Language = 'es' | 'en';

interface AlertFacts {
  severity: 'info' | 'warning' | 'urgent';
  validFrom: Date | string;
  validUntil: Date | string;
  targetCountries: string[];
}

const SEVERITY = {
  en: { info: 'Information', warning: 'Warning', urgent: 'URGENT' },
  es: { info: 'Información', warning: 'Advertencia', urgent: 'URGENTE' },
} as const;

const when = (language: Language, value: Date | string) =>
  new Intl.DateTimeFormat(language === 'es' ? 'es-ES' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(value)) +
  ' UTC';

const countries = (language: Language, codes: string[]) => codes.map((c) => placeName(c, language)).join(', ');

function alertText(language: Language, facts: AlertFacts, content: AlertContent, link: string, organisations: string[]): string {
  const en = language === 'en';
  const lines = [
    `${en ? 'Severity' : 'Gravedad'}: ${SEVERITY[language][facts.severity]}`,
    `${en ? 'Valid' : 'Vigencia'}: ${when(language, facts.validFrom)} – ${when(language, facts.validUntil)}`,
  ];
  if (facts.targetCountries.length) lines.push(`${en ? 'Countries' : 'Países'}: ${countries(language, facts.targetCountries)}`);
  if (organisations.length) lines.push(`${en ? 'Organisations' : 'Organizaciones'}: ${organisations.join(', ')}`);
  if (content.ports.length) lines.push(`${en ? 'Ports of entry' : 'Puntos de entrada'}: ${content.ports.join(', ')}`);
  return `${content.title}\n\n${lines.join('\n')}\n\n${content.body}\n\n${en ? 'Open it and acknowledge it in Enlace' : 'Ábrala y acuse recibo en Enlace'}: ${link}\n`;
}

const PREAMBLE = {
  en: 'This message is encrypted to your OpenPGP key and signed by the Enlace portal key.',
  es: 'Este mensaje está cifrado con su clave OpenPGP y firmado con la clave del portal Enlace.',
};

/** `organisations`: the target organisations' names in the language (the alert's other targets, besides its countries). */
export function alertMail(language: Language, facts: AlertFacts, content: AlertContent, link: string, organisations: string[]) {
  const en = language === 'en';
  return {
    subject: en ? 'Enlace: new early alert' : 'Enlace: nueva alerta temprana',
    secret: alertText(language, facts, content, link, organisations),
    plain: en
      ? `A new early alert was issued for you in Enlace (severity: ${SEVERITY.en[facts.severity]}).\n\nIts content is not sent by e-mail because you have not registered an OpenPGP key in your profile. Open it and acknowledge it in the portal:\n${link}\n`
      : `Se ha emitido una nueva alerta temprana para usted en Enlace (gravedad: ${SEVERITY.es[facts.severity]}).\n\nSu contenido no se envía por correo porque no ha registrado una clave OpenPGP en su perfil. Ábrala y acuse recibo en el portal:\n${link}\n`,
    encryptedPreamble: PREAMBLE[language],
  };
}

export function reminderMail(language: Language, facts: AlertFacts, content: AlertContent, link: string, organisations: string[]) {
  const en = language === 'en';
  const ask = en ? 'You have not acknowledged this urgent alert yet.' : 'Aún no ha acusado recibo de esta alerta urgente.';
  return {
    subject: en ? 'Enlace: alert awaiting your acknowledgement' : 'Enlace: alerta pendiente de su acuse de recibo',
    secret: `${ask}\n\n${alertText(language, facts, content, link, organisations)}`,
    plain: `${ask}\n\n${en ? 'Open it and acknowledge it in the portal' : 'Ábrala y acuse recibo en el portal'}:\n${link}\n`,
    encryptedPreamble: PREAMBLE[language],
  };
}

/** `name`: the recipients' place, named in the language (`placeNamer`: a partner by its registered name). */
export function escalationMail(language: Language, name: string, unacknowledged: number, link: string) {
  const en = language === 'en';
  return {
    subject: en ? 'Enlace: urgent alert unacknowledged in your country' : 'Enlace: alerta urgente sin acuse de recibo en su país',
    plain: en
      ? `${unacknowledged} recipient(s) in ${name} have not acknowledged an urgent early alert within the set time.\n\nAs your country's contact point, please make sure it reaches them:\n${link}\n`
      : `${unacknowledged} destinatario(s) de ${name} no han acusado recibo de una alerta temprana urgente en el plazo fijado.\n\nComo punto de contacto de su país, asegúrese de que les llegue:\n${link}\n`,
  };
}
