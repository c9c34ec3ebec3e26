// Built by the API on start (build/assets.ts, into dist/<source fingerprint>/); served under
// /viewer/ with hashed assets under /viewer/assets/.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/viewer/',
  build: {
    target: 'es2022',
    assetsDir: 'assets',
    // The preload polyfill is an inline script, which the viewer's CSP does not allow.
    modulePreload: { polyfill: false },
    // No data: URLs for assets: everything is a file on this origin.
    assetsInlineLimit: 0,
    // Spark (with its WebAssembly inline) is one large chunk, loaded only when a splat is shown.
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
  },
});
