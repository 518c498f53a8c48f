import { useEffect, useState } from 'react';
import { PLAYER_REQUEST_HEADER } from '../../../main/contract/domains/playback';

/**
 * Loads a downloaded lecture's captions with the player header and hands the `<track>` a blob: URL.
 * The media route serves decrypted captions only to requests that prove they come from the app (like
 * the key), and a `<track>` element cannot add a header — in Electron's custom scheme it may carry no
 * fetch metadata either. Null while loading, when there are none, or when they could not be read
 * (the lecture still plays, without captions).
 */
export function useCaptionsBlob(url: string | null | undefined): string | null {
  const [blobUrl, setBlobUrl] = useState<string | null>(null);
  useEffect(() => {
    setBlobUrl(null);
    if (!url) return;
    let created: string | null = null;
    let cancelled = false;
    fetch(url, { headers: { [PLAYER_REQUEST_HEADER]: '1' }, credentials: 'same-origin', cache: 'no-store' })
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const text = await res.text();
        if (cancelled) return;
        created = URL.createObjectURL(new Blob([text], { type: 'text/vtt' }));
        setBlobUrl(created);
      })
      .catch((err: unknown) => console.warn(`Captions could not be loaded from ${url}:`, err));
    return () => {
      cancelled = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [url]);
  return blobUrl;
}
