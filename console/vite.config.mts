// The console's build: Preact with the automatic JSX runtime, every asset bundled into dist/ (no CDN).
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  // `vite dev` talks to the API on its default port.
  server: { proxy: Object.fromEntries(['/tasks', '/cases', '/console', '/me', '/users', '/calendar', '/reports', '/service-cases', '/factory-repairs', '/inquiries', '/complaints', '/coordination-forms', '/returns', '/exchanges', '/product-returns', '/shipments', '/installations', '/knowledge'].map((p) => [p, 'http://127.0.0.1:3000'])) },
});
