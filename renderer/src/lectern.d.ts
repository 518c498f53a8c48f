import type { LecternApi } from '../../main/contract/bridge';

declare global {
  interface Window {
    /** Provided by the Electron preload, or by the test host's adapter in a plain browser. */
    readonly lectern: LecternApi;
  }
}

export {};
