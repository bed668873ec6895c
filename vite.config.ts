import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { peerscopeProxy } from './server/vite-plugin.ts';

export default defineConfig({
  plugins: [react(), tailwindcss(), peerscopeProxy()],
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: { sourcemap: false },
  // Pre-bundle every runtime dependency at start-up: if Vite discovers one later (a
  // lazily loaded panel), it re-optimizes and pages already open fail with
  // "Outdated Optimize Dep" until reloaded.
  optimizeDeps: {
    include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', '@tanstack/react-query', 'recharts', 'zod'],
  },
});
