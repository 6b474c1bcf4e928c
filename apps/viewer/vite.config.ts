import { defineConfig } from 'vite';

// `base: './'`: every asset URL is relative, so the built site works from any
// static server and any subpath. The worker is an ES module (it imports the packages).
export default defineConfig({
  base: './',
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1' },
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
