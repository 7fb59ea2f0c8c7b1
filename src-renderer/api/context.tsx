import { createContext, useContext, type ReactNode } from 'react';
import type { WindowApi } from '../../src-shared/api-client';

const ApiContext = createContext<WindowApi | null>(null);

export function ApiProvider({ api, children }: { api: WindowApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): WindowApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}
