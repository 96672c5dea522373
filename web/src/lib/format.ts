/** Groups of four, easier to read aloud and to type: secrets, fingerprints. */
export function groupsOfFour(value: string): string {
  return value.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** A size in bytes, in kB, MB or GB (powers of ten), in the reader's number format. */
export function formatBytes(bytes: number, lang: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}

/** Long ids (UUIDs, hashes) cut for a table cell; the whole value is shown elsewhere. */
export function shortId(value: string, length = 8): string {
  return value.length > length + 1 ? `${value.slice(0, length)}…` : value;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A well-formed id from an address (lower-cased), or '' (a shared link is not trusted to be well formed). */
export const uuidOrEmpty = (value: string | null | undefined): string => (value && UUID.test(value) ? value.toLowerCase() : '');
