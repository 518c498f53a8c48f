/**
 * Every live autosaver, flushed when the page is hidden or unloaded. `pagehide` and
 * `visibilitychange` are the last events a page reliably gets (closing the window, reloading,
 * switching away); `beforeunload` is not fired in every case and blocks bfcache.
 */
interface Flushable {
  flush(): void;
}

const live = new Set<Flushable>();
let listening = false;

function flushAll(): void {
  for (const f of live) f.flush();
}

function listen(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('pagehide', flushAll);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushAll();
  });
}

export function flushOnLeave(f: Flushable): () => void {
  listen();
  live.add(f);
  return () => live.delete(f);
}
