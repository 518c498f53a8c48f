import { describe, expect, it } from 'vitest';
import { parseMasterPlaylist } from '../../../main/services/hls/master-playlist';

const parse = (...lines: string[]) => parseMasterPlaylist(['#EXTM3U', ...lines].join('\n'), 'master.m3u8');

describe('parseMasterPlaylist', () => {
  it('reads variants and audio renditions as ffmpeg writes them', () => {
    const p = parse(
      '#EXT-X-VERSION:3',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="group_aud",NAME="audio_0",DEFAULT=YES,URI="stream_2.m3u8"',
      '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="en",URI="subs.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=2200000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",AUDIO="group_aud"',
      'stream_0.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2",AUDIO="group_aud"',
      'stream_1.m3u8',
    );
    expect(p.variants).toEqual([
      { uri: 'stream_0.m3u8', bandwidth: 2200000, width: 1280, height: 720, codecs: 'avc1.64001f,mp4a.40.2', frameRate: null, audioGroup: 'group_aud' },
      { uri: 'stream_1.m3u8', bandwidth: 800000, width: 640, height: 360, codecs: 'avc1.64001e,mp4a.40.2', frameRate: null, audioGroup: 'group_aud' },
    ]);
    expect(p.audio).toEqual([{ groupId: 'group_aud', name: 'audio_0', language: null, isDefault: true, uri: 'stream_2.m3u8' }]);
  });

  it.each([
    [['#EXT-X-STREAM-INF:RESOLUTION=1x1', 'v.m3u8'], /BANDWIDTH: expected a whole number/],
    [['#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=big', 'v.m3u8'], /RESOLUTION must look like/],
    [['#EXT-X-STREAM-INF:BANDWIDTH=1,AUDIO="nope"', 'v.m3u8'], /audio group "nope".*does not define/],
    [['#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="a\\"><script>"', 'v.m3u8'], /malformed attribute list|unexpected characters/],
    [['#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="<script>"', 'v.m3u8'], /unexpected characters/],
    [['#EXT-X-STREAM-INF:BANDWIDTH=1'], /has no URI/],
    [['#EXT-X-STREAM-INF:BANDWIDTH=1,FRAME-RATE=30 AUDIO', 'v.m3u8'], /expected a frame rate/],
    [['v.m3u8'], /URI without a preceding #EXT-X-STREAM-INF/],
    [['#EXT-X-SESSION-KEY:METHOD=AES-128,URI="k"'], /encrypted hub content/],
    [['#EXTINF:4,', 'a.ts'], /belongs in a media playlist/],
    [[], /lists no variant streams/],
    [Array.from({ length: 17 }, (_, i) => `#EXT-X-STREAM-INF:BANDWIDTH=${i + 1}\nv${i}.m3u8`), /more than 16 variants/],
  ])('refuses %j', (lines, message) => {
    expect(() => parse(...lines)).toThrow(message);
  });
});
