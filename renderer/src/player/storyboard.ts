/** One tile of a storyboard sprite, as listed by a WebVTT thumbnails track (`sprite.jpg#xywh=x,y,w,h`). */
export interface StoryboardTile {
  start: number;
  end: number;
  url: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const timing = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})\s+-->\s+(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})/;

function seconds(h: string | undefined, m: string, s: string, ms: string): number {
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}

/**
 * Reads the cues of a thumbnails VTT. Sprite URLs are resolved against the VTT's own URL and kept only
 * when they stay on its origin, so a tampered track cannot make the player fetch from elsewhere.
 */
export function parseStoryboard(vtt: string, vttUrl: string): StoryboardTile[] {
  const base = new URL(vttUrl);
  const tiles: StoryboardTile[] = [];
  const lines = vtt.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const t = timing.exec(lines[i]!.trim());
    if (!t) continue;
    const ref = lines[i + 1]?.trim() ?? '';
    const hash = ref.indexOf('#xywh=');
    if (hash < 0) continue;
    const dims = ref.slice(hash + 6).split(',').map(Number);
    if (dims.length !== 4 || dims.some((n) => !Number.isFinite(n) || n < 0)) continue;
    let url: URL;
    try {
      url = new URL(ref.slice(0, hash), base);
    } catch {
      continue;
    }
    if (url.origin !== base.origin) continue;
    const [x, y, w, h] = dims as [number, number, number, number];
    tiles.push({ start: seconds(t[1], t[2]!, t[3]!, t[4]!), end: seconds(t[5], t[6]!, t[7]!, t[8]!), url: url.href, x, y, w, h });
  }
  return tiles;
}

export function tileAt(tiles: readonly StoryboardTile[], time: number): StoryboardTile | undefined {
  return tiles.find((t) => time >= t.start && time < t.end) ?? (time >= (tiles.at(-1)?.end ?? Infinity) ? tiles.at(-1) : undefined);
}
