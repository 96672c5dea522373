import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { firstDownload } from './first-download.ts';
import { precompress } from './precompress.ts';
import { serviceWorker } from './sw-build.ts';

// The build must run under a strict Content-Security-Policy: no inline scripts or styles, so the
// module-preload polyfill (an inline script) is off and CSS is always emitted as files.
export default defineConfig({
  root: import.meta.dirname,
  // Each text file also as .br and .gz, served as they are to browsers that accept them; then the
  // offline shell's service worker (/sw.js), which precaches the shell the build just wrote.
  plugins: [preact(), precompress(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: false,
    target: 'es2022',
    // Each screen's code is a chunk fetched on its first visit; what the entry needs is one chunk.
    rolldownOptions: {
      output: { codeSplitting: firstDownload(`${import.meta.dirname}/src/main.tsx`) },
      // Most of a build is the precompression at the highest levels, by design: no timing report
      // among what `npm start` prints on a first start.
      checks: { bundlerTimings: false },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
