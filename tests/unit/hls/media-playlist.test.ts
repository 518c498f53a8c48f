import { describe, expect, it } from 'vitest';
import { DEFAULT_HLS_LIMITS } from '../../../main/services/hls/limits';
import { parseMediaPlaylist } from '../../../main/services/hls/media-playlist';

const VOD = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:4', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD'];
const playlist = (...lines: string[]) => [...VOD, ...lines].join('\n');
const parse = (text: string) => parseMediaPlaylist(text, 'video.m3u8');

describe('parseMediaPlaylist: what a hub legitimately sends', () => {
  it('reads segments, durations and the ENDLIST of ffmpeg output', () => {
    const p = parse(playlist('#EXTINF:4.000000,', 'seg0.ts', '#EXTINF:3.5,', 'seg1.ts', '#EXT-X-ENDLIST', ''));
    expect(p).toEqual({
      version: 3,
      targetDuration: 4,
      mapUri: null,
      segments: [
        { uri: 'seg0.ts', duration: 4, discontinuity: false },
        { uri: 'seg1.ts', duration: 3.5, discontinuity: false },
      ],
    });
  });

  it('reads CRLF line ends, a BOM, comments, discontinuities and an fMP4 init section', () => {
    const text = `\ufeff${playlist('#EXT-X-MAP:URI="init.mp4"', '# a comment', '#EXTINF:4,title', 'a.m4s', '#EXT-X-DISCONTINUITY', '#EXTINF:4,', 'b.m4s', '#EXT-X-ENDLIST').replaceAll('\n', '\r\n')}`;
    const p = parse(text);
    expect(p.mapUri).toBe('init.mp4');
    expect(p.segments.map((s) => [s.uri, s.discontinuity])).toEqual([
      ['a.m4s', false],
      ['b.m4s', true],
    ]);
  });

  it('accepts METHOD=NONE keys and ignores unknown tags', () => {
    expect(parse(playlist('#EXT-X-KEY:METHOD=NONE', '#EXT-X-FUTURE-THING:1', '#EXTINF:4,', 'a.ts', '#EXT-X-ENDLIST')).segments).toHaveLength(1);
  });
});

describe('parseMediaPlaylist: hostile or unsupported input', () => {
  it.each([
    ['no #EXTM3U', '#EXTINF:4,\na.ts\n#EXT-X-ENDLIST', /must start with #EXTM3U/],
    ['empty text', '', /must start with #EXTM3U/],
    ['a missing ENDLIST (live or truncated)', playlist('#EXTINF:4,', 'a.ts'), /no #EXT-X-ENDLIST.*only finished lectures/],
    ['segments after ENDLIST', playlist('#EXTINF:4,', 'a.ts', '#EXT-X-ENDLIST', '#EXTINF:4,', 'b.ts'), /line 9: content after #EXT-X-ENDLIST/],
    ['BYTERANGE', playlist('#EXTINF:4,', '#EXT-X-BYTERANGE:100@0', 'a.ts', '#EXT-X-ENDLIST'), /byte-range segments are not supported/],
    ['a MAP with BYTERANGE', playlist('#EXT-X-MAP:URI="i.mp4",BYTERANGE="100@0"', '#EXTINF:4,', 'a.ts', '#EXT-X-ENDLIST'), /BYTERANGE is not supported/],
    ['AES keys from the hub', playlist('#EXT-X-KEY:METHOD=AES-128,URI="k"', '#EXTINF:4,', 'a.ts', '#EXT-X-ENDLIST'), /METHOD=AES-128\) is not supported/],
    ['a malformed EXTINF', playlist('#EXTINF:four,', 'a.ts', '#EXT-X-ENDLIST'), /line 6: expected a duration/],
    ['a negative EXTINF', playlist('#EXTINF:-4,', 'a.ts', '#EXT-X-ENDLIST'), /expected a duration/],
    ['an absurd EXTINF', playlist('#EXTINF:99999,', 'a.ts', '#EXT-X-ENDLIST'), /expected a duration/],
    ['a malformed TARGETDURATION', '#EXTM3U\n#EXT-X-TARGETDURATION:x\n#EXTINF:4,\na.ts\n#EXT-X-ENDLIST', /line 2: expected a whole number/],
    ['no TARGETDURATION', '#EXTM3U\n#EXTINF:4,\na.ts\n#EXT-X-ENDLIST', /no #EXT-X-TARGETDURATION/],
    ['a URI without EXTINF', playlist('a.ts', '#EXT-X-ENDLIST'), /URI without a preceding #EXTINF/],
    ['an EXTINF without URI', playlist('#EXTINF:4,', '#EXT-X-ENDLIST'), /between #EXTINF and its URI/],
    ['no segments', playlist('#EXT-X-ENDLIST'), /lists no segments/],
    ['a malformed MAP attribute list', playlist('#EXT-X-MAP:URI=init.mp4"', '#EXTINF:4,', 'a.ts', '#EXT-X-ENDLIST'), /malformed attribute list/],
    ['a duplicated attribute', playlist('#EXT-X-MAP:URI="a",URI="b"', '#EXTINF:4,', 'a.ts', '#EXT-X-ENDLIST'), /URI appears twice/],
    ['a NUL in a URI', playlist('#EXTINF:4,', 'a\u0000.ts', '#EXT-X-ENDLIST'), /control character/],
    ['an escape sequence in a URI', playlist('#EXTINF:4,', 'a\u001b[2J.ts', '#EXT-X-ENDLIST'), /control character/],
    ['a live low-latency part', playlist('#EXT-X-PART:DURATION=1,URI="p"', '#EXT-X-ENDLIST'), /low-latency/],
    ['a master playlist', '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8', /master playlist tag/],
    ['an EVENT type is allowed but another type is not', playlist('#EXT-X-PLAYLIST-TYPE:LIVE', '#EXTINF:4,', 'a.ts', '#EXT-X-ENDLIST'), /must be VOD or EVENT/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parse(text)).toThrow(message);
  });

  it('refuses a playlist over the byte cap before reading it', () => {
    const text = playlist('#EXTINF:4,', `${'a'.repeat(DEFAULT_HLS_LIMITS.maxPlaylistBytes)}.ts`, '#EXT-X-ENDLIST');
    expect(() => parse(text)).toThrow(/larger than 2097152 bytes/);
  });

  it('refuses an over-long URI', () => {
    expect(() => parse(playlist('#EXTINF:4,', `${'a'.repeat(2000)}.ts`, '#EXT-X-ENDLIST'))).toThrow(/URI longer than 1024/);
  });

  it('refuses a 1,000,000-segment playlist fast, by size', () => {
    const text = playlist('#EXTINF:1,\na.ts\n'.repeat(1_000_000), '#EXT-X-ENDLIST');
    const t0 = performance.now();
    expect(() => parse(text)).toThrow(/larger than/);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('refuses a 1,000,000-segment playlist fast at the segment cap, even with the byte cap lifted', () => {
    const text = playlist('#EXTINF:1,\na\n'.repeat(1_000_000), '#EXT-X-ENDLIST');
    const t0 = performance.now();
    expect(() => parseMediaPlaylist(text, 'huge.m3u8', { ...DEFAULT_HLS_LIMITS, maxPlaylistBytes: 1e9 })).toThrow(
      /more than 20000 segments/,
    );
    // Scanning stops at the cap: about 2% of the text is read, and no million-element array is built.
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
