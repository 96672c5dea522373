/**
 * vCard 4.0 (RFC 6350) text for the directory's export: the few properties it uses — FN, ORG,
 * TITLE, EMAIL, TEL (work, cell, voice), NOTE. No maintained small library for writing vCards is
 * among the dependencies, so this is the serializer: values escaped (§3.4: backslash, comma,
 * semicolon, line breaks), content lines folded at 75 octets without splitting a UTF-8 character
 * (§3.2: CRLF, then one space), CRLF line ends.
 */
export interface Card {
  name: string;
  organisation?: string | null;
  title?: string | null;
  email?: string | null;
  /** Each with its vCard TYPE (work, cell, voice). */
  phones?: { type: 'work' | 'cell' | 'voice'; number: string }[];
  note?: string | null;
}

/** A text value as RFC 6350 §3.4 writes it. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A content line folded at 75 octets: each continuation starts with one space, a character is never split. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets, each continuation 74 after its leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const property = (name: string, value: string) => foldLine(`${name}:${escapeText(value)}`);

export function vcard(card: Card): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', property('FN', card.name)];
  if (card.organisation) lines.push(property('ORG', card.organisation));
  if (card.title) lines.push(property('TITLE', card.title));
  if (card.email) lines.push(property('EMAIL;TYPE=work', card.email));
  for (const phone of card.phones ?? []) lines.push(property(`TEL;TYPE=${phone.type}`, phone.number));
  if (card.note) lines.push(property('NOTE', card.note));
  lines.push('END:VCARD');
  return `${lines.join('\r\n')}\r\n`;
}

export const vcards = (cards: Card[]): string => cards.map(vcard).join('');
