/**
 * The string formats requests are validated with, registered on the route validator (app.ts) after
 * ajv-formats, so they replace its looser definitions of the same names. Each accepts only what the
 * database stores as given — a value that passes here never comes back as a database error:
 *
 * - `line` and `text`: text from people (server/platform/http/text.ts): no NUL or other control
 *   character (`text` allows line breaks and tabs), no unpaired UTF-16 surrogate.
 * - `uuid`: the canonical lower-case form the API itself writes (ajv-formats also takes a
 *   `urn:uuid:` prefix, which PostgreSQL refuses, and upper case, which compares unequal in code).
 * - `date`: a calendar day `YYYY-MM-DD` from year 0001 to 9999 that exists (PostgreSQL has no year 0).
 * - `date-time`: RFC 3339 with `T`, seconds 00–59 (no leap second: JavaScript's Date cannot hold
 *   one), a zone (`Z` or ±hh:mm), year 0001 to 9999, and a time JavaScript can read.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // The last day of the month (day 0 of the next), in UTC.
  const last = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : last);
}

export const INPUT_FORMATS = {
  line: (value: string): boolean => !/\p{Cc}/u.test(value) && value.isWellFormed(),
  text: (value: string): boolean => !/[^\P{Cc}\t\n\r]/u.test(value) && value.isWellFormed(),
  uuid: (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value),
  date: isDate,
  'date-time': (value: string): boolean => {
    const match = DATE_TIME.exec(value);
    return match !== null && isDate(match[1]!) && Number.isFinite(Date.parse(value));
  },
} as const;

/** An Ajv plugin (the only part of Ajv this needs). */
export function inputFormats(ajv: { addFormat(name: string, format: (value: string) => boolean): unknown }): void {
  for (const [name, validate] of Object.entries(INPUT_FORMATS)) ajv.addFormat(name, validate);
}
