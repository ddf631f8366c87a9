import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The compliance web app: a static bundle the registry serves from dist/web (registerWebApp).
// No @vitejs/plugin-react: Vite 8 compiles JSX itself (oxc); the plugin adds only Fast Refresh,
// and its optional Babel peers conflict with the Babel that Jest brings.
// `npm run build:web` sets NODE_ENV=production: Vite keeps an inherited NODE_ENV, and Jest's global
// setup builds under NODE_ENV=test, which would ship React's development build.
const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: resolve(here, '../../dist/web'),
    emptyOutDir: true,
    // Below 4 KB Vite would inline assets as data: URLs; keep every file a file under the CSP.
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
});
