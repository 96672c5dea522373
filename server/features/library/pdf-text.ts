import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bounds on what is read out of one PDF: pages, characters and time. */
export const PDF_TEXT_LIMITS = { pages: 200, chars: 500_000, millis: 15_000 } as const;

const require = createRequire(import.meta.url);
const fontsUrl = `${pathToFileURL(path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')).href}/`;

/**
 * The text of a PDF (pdfjs-dist, no eval, no worker thread of its own), for the token index only —
 * it is never stored or logged. Bounded by page count, length and time. A PDF that cannot be read
 * (malformed, encrypted, too slow) is still accepted as a file: it just has no text (`null`).
 */
export async function pdfText(
  bytes: Uint8Array,
  limits: { pages: number; chars: number; millis: number } = PDF_TEXT_LIMITS,
): Promise<{ text: string; pages: number } | null> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    standardFontDataUrl: fontsUrl,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), limits.millis);
  });
  const read = (async () => {
    const doc = await task.promise;
    const pages = Math.min(doc.numPages, limits.pages);
    let text = '';
    for (let n = 1; n <= pages && text.length < limits.chars; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) if ('str' in item) text += `${item.str}${item.hasEOL ? '\n' : ' '}`;
      text += '\n';
      page.cleanup();
    }
    return { text: text.slice(0, limits.chars), pages };
  })();
  try {
    return await Promise.race([read, timeout]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    read.catch(() => {});
    await task.destroy().catch(() => {});
  }
}
