import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LibraryPaths, isInsideFolder } from '../../../main/services/downloads/library-paths';
import { buildLocalPlaylists } from '../../../main/services/downloads/local-playlists';
import { parseMasterPlaylist } from '../../../main/services/hls/master-playlist';
import { parseMediaPlaylist } from '../../../main/services/hls/media-playlist';

const variant = { uri: 'https://hub/x.m3u8', bandwidth: 950400, width: 640, height: 360, codecs: 'avc1.42c01e,mp4a.40.2', frameRate: '29.97', audioGroup: 'g' };
const audio = { groupId: 'g', name: 'English', language: 'en', isDefault: true, uri: 'https://hub/a.m3u8' };
const iv = (n: number) => Buffer.alloc(16, n);

describe('buildLocalPlaylists', () => {
  const playlists = buildLocalPlaylists(
    [{ variant, quality: '360p', playlist: 'video', audioPlaylist: 'audio' }],
    [{ rendition: audio, playlist: 'audio' }],
    [
      { name: 'video', version: 7, targetDuration: 4, mapIndex: 0, segments: [{ index: 1, duration: 4, discontinuity: false }, { index: 2, duration: 3.5, discontinuity: true }] },
      { name: 'audio', version: 3, targetDuration: 4, mapIndex: null, segments: [{ index: 3, duration: 4, discontinuity: false }] },
    ],
    new Map([1, 2, 3].map((n) => [n, iv(n)])),
  );

  it('writes a master that points only at local names, and that Lectern\'s own parser accepts', () => {
    const master = playlists.get('master') ?? '';
    expect(master).not.toContain('hub');
    const parsed = parseMasterPlaylist(master, 'master');
    expect(parsed.variants).toEqual([{ uri: 'video.m3u8', bandwidth: 950400, width: 640, height: 360, codecs: 'avc1.42c01e,mp4a.40.2', frameRate: '29.97', audioGroup: 'audio' }]);
    expect(parsed.audio).toEqual([{ groupId: 'audio', name: 'English', language: 'en', isDefault: true, uri: 'audio.m3u8' }]);
  });

  it('keys every segment with its own IV, after the clear init section', () => {
    const video = playlists.get('video') ?? '';
    expect(video).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-TARGETDURATION:4',
        '#EXT-X-MEDIA-SEQUENCE:0',
        '#EXT-X-PLAYLIST-TYPE:VOD',
        '#EXT-X-MAP:URI="files/0"',
        `#EXT-X-KEY:METHOD=AES-128,URI="key",IV=0x${'01'.repeat(16)}`,
        '#EXTINF:4.000000,',
        'files/1',
        '#EXT-X-DISCONTINUITY',
        `#EXT-X-KEY:METHOD=AES-128,URI="key",IV=0x${'02'.repeat(16)}`,
        '#EXTINF:3.500000,',
        'files/2',
        '#EXT-X-ENDLIST',
        '',
      ].join('\n'),
    );
    // The hub-side parser refuses keys (hub content must be clear), so check shape only for audio.
    expect(() => parseMediaPlaylist(playlists.get('audio') ?? '', 'audio')).toThrow(/METHOD=AES-128/);
  });

  it('fails loudly rather than write a segment without its IV', () => {
    expect(() =>
      buildLocalPlaylists([{ variant, quality: '360p', playlist: 'video', audioPlaylist: null }], [], [{ name: 'video', version: 3, targetDuration: 4, mapIndex: null, segments: [{ index: 9, duration: 4, discontinuity: false }] }], new Map()),
    ).toThrow('No IV was generated for file 9.');
  });
});

describe('buildLocalPlaylists with several renditions', () => {
  const low = { ...variant, uri: 'https://hub/y.m3u8', bandwidth: 400000, width: 320, height: 180, frameRate: null };
  const rendition = (name: string, first: number) => ({ name, version: 3, targetDuration: 4, mapIndex: null, segments: [{ index: first, duration: 4, discontinuity: false }] });
  const ivs = new Map([1, 2, 3].map((n) => [n, iv(n)]));
  const playlists = buildLocalPlaylists(
    [
      { variant, quality: '360p', playlist: 'video0', audioPlaylist: 'audio' },
      { variant: low, quality: '180p', playlist: 'video1', audioPlaylist: 'audio' },
    ],
    [{ rendition: audio, playlist: 'audio' }],
    [rendition('video0', 1), rendition('audio', 3), rendition('video1', 2)],
    ivs,
  );

  it('lists every rendition best first with its bandwidth, resolution and codecs, sharing one audio group', () => {
    expect(playlists.get('master')).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,URI="audio.m3u8"',
        '#EXT-X-STREAM-INF:BANDWIDTH=950400,RESOLUTION=640x360,CODECS="avc1.42c01e,mp4a.40.2",FRAME-RATE=29.97,AUDIO="audio"',
        'video0.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=320x180,CODECS="avc1.42c01e,mp4a.40.2",AUDIO="audio"',
        'video1.m3u8',
        '',
      ].join('\n'),
    );
    const parsed = parseMasterPlaylist(playlists.get('master') ?? '', 'master');
    expect(parsed.variants.map((v) => [v.uri, v.height, v.audioGroup])).toEqual([
      ['video0.m3u8', 360, 'audio'],
      ['video1.m3u8', 180, 'audio'],
    ]);
    expect([...playlists.keys()].sort()).toEqual(['audio', 'master', 'video0', 'video1']);
    expect(playlists.get('video1')).toContain('files/2');
  });

  it('refuses names it did not plan or that collide, rather than write a master pointing nowhere', () => {
    const v = { variant, quality: '360p', playlist: 'video0', audioPlaylist: null };
    expect(() => buildLocalPlaylists([v], [], [rendition('video1', 1)], ivs)).toThrow('The video playlist "video0" was not planned.');
    expect(() => buildLocalPlaylists([v], [], [rendition('video0', 1), rendition('video0', 2)], ivs)).toThrow('Two local playlists would be named "video0".');
    expect(() => buildLocalPlaylists([{ ...v, audioPlaylist: 'audio' }], [], [rendition('video0', 1)], ivs)).toThrow('The audio playlist "audio" was not planned.');
    expect(() => buildLocalPlaylists([], [], [], ivs)).toThrow(/at least one video rendition/);
  });
});

describe('LibraryPaths', () => {
  const root = path.resolve('/tmp/lib');
  const paths = new LibraryPaths(root);
  const id = 'ab'.repeat(16);

  it('names files from the id and index only', () => {
    expect(paths.file(id, 12)).toBe(path.join(root, id, '12.seg'));
    expect(paths.partial(id, 12)).toBe(path.join(root, id, '12.seg.part'));
  });

  it.each(['..', '../x', 'AB'.repeat(16), `${id}/..`, '', '/etc'])('refuses the id %j', (bad) => {
    expect(() => paths.folder(bad)).toThrow(/not a download id/);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2])('refuses the index %d', (bad) => {
    expect(() => paths.file(id, bad)).toThrow(/is not valid/);
  });

  it('tells inside from a sibling that shares the prefix', () => {
    expect(isInsideFolder('/tmp/lib', '/tmp/lib/a')).toBe(true);
    expect(isInsideFolder('/tmp/lib', '/tmp/lib')).toBe(true);
    expect(isInsideFolder('/tmp/lib', '/tmp/lib-evil/a')).toBe(false);
    expect(isInsideFolder('/tmp/lib', '/tmp/lib/../x')).toBe(false);
  });
});
