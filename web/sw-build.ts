import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { build, type Plugin, type Rollup } from 'vite';

/** A file of the shell and its revision: null when its name already carries a content hash. */
interface Entry {
  url: string;
  revision: string | null;
}

const revisionOf = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex').slice(0, 16);

/**
 * What the offline shell precaches: index.html, the entry chunks with every chunk they import
 * statically, every screen's chunk (each screen's code is fetched on its first visit) with what it
 * imports statically, their stylesheets and assets, and the public files (the icon). The chunks the
 * screens load on demand (the map, the charts, the PDF viewer and its worker) are left out: the
 * screens that load them show restricted data, which is never kept offline, so they would only add
 * megabytes.
 */
export function shellFiles(bundle: Rollup.OutputBundle): Entry[] {
  const chunks = new Map(Object.values(bundle).flatMap((o) => (o.type === 'chunk' ? [[o.fileName, o] as const] : [])));
  const seen = new Set<string>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) seen.add(css);
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) seen.add(asset);
    for (const name of chunk.imports) {
      const next = chunks.get(name);
      if (next) visit(next);
    }
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk);
  // Every screen's code, fetched on its first visit (features' routes.ts): what the first download
  // imports on demand, with what each screen imports statically. What the screens themselves import
  // on demand is not.
  for (const name of [...seen]) {
    for (const screen of chunks.get(name)?.dynamicImports ?? []) {
      const next = chunks.get(screen);
      if (next) visit(next);
    }
  }
  // The one stylesheet (cssCodeSplit is off, so no chunk names it).
  for (const output of Object.values(bundle)) if (output.type === 'asset' && output.fileName.endsWith('.css')) seen.add(output.fileName);
  const entries: Entry[] = [...seen].sort().map((fileName) => ({ url: `/${fileName}`, revision: null }));
  const html = bundle['index.html'];
  if (html?.type === 'asset') entries.unshift({ url: '/index.html', revision: revisionOf(html.source) });
  return entries;
}

/**
 * Builds the service worker (web/sw/sw.ts) after the app, as one classic script at the root of the
 * build (`/sw.js`, so its scope is the whole origin), with the shell's list in place of
 * `self.__WB_MANIFEST` — what workbox-build's injectManifest does, in a few lines of our own.
 */
export function serviceWorker(): Plugin {
  let outDir = '';
  let publicDir = '';
  return {
    name: 'enlace-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      publicDir = config.publicDir;
    },
    async writeBundle(_options, bundle) {
      const shell = shellFiles(bundle);
      const publicFiles = publicDir ? await fs.readdir(publicDir, { withFileTypes: true }).catch(() => []) : [];
      const manifest = [...shell];
      for (const file of publicFiles
        .filter((f) => f.isFile())
        .map((f) => f.name)
        .sort()) {
        manifest.push({ url: `/${file}`, revision: revisionOf(await fs.readFile(path.join(publicDir, file))) });
      }
      await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        define: {
          'self.__WB_MANIFEST': JSON.stringify(manifest),
          // Workbox's development logging is left out of the build.
          'process.env.NODE_ENV': JSON.stringify('production'),
        },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          target: 'es2022',
          sourcemap: false,
          minify: true,
          lib: { entry: path.resolve(import.meta.dirname, 'sw/sw.ts'), formats: ['iife'], name: 'enlaceServiceWorker', fileName: () => 'sw.js' },
        },
      });
    },
  };
}
