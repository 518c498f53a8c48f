import { CONTENT_SECURITY_POLICY } from '../../security/content-security-policy';
import { createStaticFiles, type FetchHandler } from './static-files';

/** Sent with every file of the UI; the test host sends the same with the page it rewrites. */
export const DOCUMENT_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

export interface AppHandlerOptions {
  /** The renderer build (out/renderer). */
  rendererDir: string;
  /** Extra routes by path prefix, e.g. '/media/' for the offline player; matched before static files. */
  routes?: Record<string, FetchHandler>;
}

/**
 * Everything the renderer's origin serves: the built UI with the CSP header, plus mounted routes.
 * Electron mounts it with protocol.handle on `lectern://app`; the test host mounts the same function
 * on a loopback HTTP server, so the page sees the same origin-relative URLs and headers in both.
 */
export function createAppHandler(opts: AppHandlerOptions): FetchHandler {
  const files = createStaticFiles(opts.rendererDir, DOCUMENT_HEADERS);
  const routes = Object.entries(opts.routes ?? {});
  return (request) => {
    const { pathname } = new URL(request.url);
    const route = routes.find(([prefix]) => pathname.startsWith(prefix));
    return route ? route[1](request) : files(request);
  };
}
