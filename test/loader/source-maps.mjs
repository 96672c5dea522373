import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const MARKER = '//# sourceMappingURL=data:application/json;base64,';

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!url.startsWith('file:') || !/\.[cm]?tsx?$/.test(url) || url.includes('/node_modules/')) return result;
  const source = typeof result.source === 'string' ? result.source : Buffer.from(result.source ?? '').toString('utf8');
  const at = source.lastIndexOf(MARKER);
  if (at === -1) return result;
  const map = JSON.parse(Buffer.from(source.slice(at + MARKER.length).trim(), 'base64').toString('utf8'));
  if (map.sourcesContent?.every((content) => typeof content === 'string')) return result;
  map.sourcesContent = [await readFile(fileURLToPath(url), 'utf8')];
  return { ...result, source: `${source.slice(0, at)}${MARKER}${Buffer.from(JSON.stringify(map)).toString('base64')}\n` };
}
