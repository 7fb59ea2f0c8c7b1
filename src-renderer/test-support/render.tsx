import '../i18n';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { WindowApi } from '../../src-shared/api-client';
import { ApiProvider } from '../api/context';

// A loaded CI machine (two cores, two workers) can take more than the default second to settle.
configure({ asyncUtilTimeout: 5_000 });

/** Renders UI the way main.tsx does, over a given WindowApi, with a fresh cache per test. */
export function renderWithApi(ui: ReactElement, api: WindowApi) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  return render(
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
    </ApiProvider>,
  );
}
