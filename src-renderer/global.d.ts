import type { WindowApi } from '../src-shared/api-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser, where the web client stands in. */
    api?: WindowApi;
  }
}

export {};
