/**
 * Saves a file made or fetched in the page (an export, the recovery codes) through an object URL
 * and a hidden link, under the name given. The URL is revoked a minute later: the browser has
 * started the download by then.
 */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
