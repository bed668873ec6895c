import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { peerscopeProxy } from './server/vite-plugin';

export default defineConfig({
  plugins: [react(), tailwindcss(), peerscopeProxy()],
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: { sourcemap: false },
});
