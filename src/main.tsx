import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { applyTheme, currentDisplaySettings } from './features/settings/display-settings.ts';
import './index.css';

// Before the first paint, so a dark-theme user never sees a flash of the light one.
applyTheme(currentDisplaySettings().theme);

const queryClient = new QueryClient();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// No StrictMode: its development double mount cancels the first peer-report request
// and sends it again, and `npm run dev` is how Peerscope is run against the real API,
// where every request counts against the token's rate limit.
createRoot(root).render(
  <QueryClientProvider client={queryClient}>
    <App />
  </QueryClientProvider>,
);
