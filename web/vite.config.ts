import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { finishWebBuild, utrechtTreeShaking } from './build-plugins.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The web app lives in web/ and is built into dist/web at the repo root, which the server serves. */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), utrechtTreeShaking(), finishWebBuild()],
  resolve: {
    // The PPRL encoder runs in the browser too: csv-parse's Node build needs Buffer.
    alias: [{ find: /^csv-parse\/sync$/, replacement: 'csv-parse/browser/esm/sync' }],
  },
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080', '/health': 'http://localhost:8080' },
  },
});
