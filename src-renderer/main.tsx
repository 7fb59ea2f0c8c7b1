import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppError } from '../src-shared/errors';
import { createWebApi } from './api/web-client';
import { ApiProvider } from './api/context';
import { App } from './App';
import { bootTheme } from './state/theme';
import './styles.css';

// Before the first render, so the page never flashes the wrong theme.
bootTheme();

const api = window.api ?? createWebApi(window.location);

/** Only a lost engine or an internal error is worth asking again; validation and 404s are not. */
const TRANSIENT = new Set<AppError['code']>(['ENGINE_UNAVAILABLE', 'INTERNAL']);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => failures < 2 && TRANSIENT.has((error as AppError).code),
      refetchOnWindowFocus: false,
      staleTime: 2_000,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ApiProvider>
  </StrictMode>,
);
