import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const WEB_SOURCE_DIR = path.resolve(import.meta.dirname, '../../web');
const STAMP = '.build-hash';

async function filesUnder(dir: string, skip: Set<string>): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full, skip)));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}

/** A hash of everything the build reads: web sources, their config, and the locked dependencies. */
export async function webSourceHash(sourceDir = WEB_SOURCE_DIR): Promise<string> {
  const hash = createHash('sha256');
  const files = [...(await filesUnder(sourceDir, new Set(['dist', 'node_modules']))), path.resolve(sourceDir, '../package-lock.json')];
  for (const file of files) {
    hash.update(path.relative(sourceDir, file)).update('\0');
    hash.update(await fs.readFile(file).catch(() => Buffer.alloc(0))).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Builds web/ into web/dist when the build is missing or older than its sources. Used by
 * `npm start` in a checkout; production images build once and serve what they built.
 */
export async function ensureWebBuild(log: (message: string) => void, sourceDir: string = WEB_SOURCE_DIR): Promise<'fresh' | 'built'> {
  const outDir = path.join(sourceDir, 'dist');
  const wanted = await webSourceHash(sourceDir);
  const have = await fs.readFile(path.join(outDir, STAMP), 'utf8').catch(() => '');
  if (have.trim() === wanted) return 'fresh';
  log(have ? 'web sources changed: rebuilding the web app (about 10 s)' : 'building the web app (first start only, about 10 s)');
  const { build } = await import('vite');
  await build({ configFile: path.join(sourceDir, 'vite.config.ts'), logLevel: 'warn' });
  await fs.writeFile(path.join(outDir, STAMP), `${wanted}\n`);
  return 'built';
}
