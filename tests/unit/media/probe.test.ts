import { describe, expect, it } from 'vitest';
import { parseProbe } from '../../../main/services/media/probe';
import { progressOf } from '../../../main/services/media/run-ffmpeg';
import { formatDuration, validateProbe } from '../../../main/services/media/validate-source';

const video = (extra: Record<string, unknown> = {}) => ({ codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '30000/1001', ...extra });

describe('parseProbe', () => {
  it('reads rotation from the display matrix and swaps the display size', () => {
    const p = parseProbe({ streams: [video({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] })], format: { format_name: 'mov,mp4', duration: '12.5' } });
    expect(p.video).toMatchObject({ rotation: 270, width: 1080, height: 1920, codedWidth: 1920 });
    expect(p.video!.frameRate).toBeCloseTo(29.97, 2);
    expect(p.durationSec).toBe(12.5);
    expect(p.audio).toBeNull();
  });

  it('falls back to the legacy rotate tag and applies non-square pixels', () => {
    const p = parseProbe({ streams: [video({ width: 720, height: 576, sample_aspect_ratio: '16:15', tags: { rotate: '180' } })], format: { duration: '1' } });
    expect(p.video).toMatchObject({ rotation: 180, width: 768, height: 576 });
  });

  it('ignores cover art: an M4A with a picture is audio only', () => {
    const p = parseProbe({ streams: [{ codec_type: 'audio', codec_name: 'aac' }, video({ codec_name: 'mjpeg', disposition: { attached_pic: 1 } })], format: { duration: '3' } });
    expect(p.video).toBeNull();
    expect(() => validateProbe('/x/song.m4a', p, { maxDurationSec: 60 })).toThrow(/"song\.m4a" has no video track \(audio only/);
  });
});

describe('validateProbe', () => {
  const ok = parseProbe({ streams: [video()], format: { format_name: 'mov,mp4', duration: '100' } });
  it('names the file and the limit when too long', () => {
    expect(() => validateProbe('/a/long.mp4', ok, { maxDurationSec: 60 })).toThrow('"long.mp4" is 1 min 40 s long; the limit is 1 min 0 s');
  });
  it('rejects codecs outside the supported list', () => {
    const p = parseProbe({ streams: [video({ codec_name: 'ffv1' })], format: { duration: '3' } });
    expect(() => validateProbe('/a/archive.mkv', p, { maxDurationSec: 60 })).toThrow(/"archive\.mkv" uses the "ffv1" video codec/);
  });
  it('calls a text file that ffprobe reads as ANSI art a text file', () => {
    const p = parseProbe({ streams: [video({ codec_name: 'ansi', width: 640, height: 400 })], format: { format_name: 'tty', duration: '1' } });
    expect(() => validateProbe('/a/notes.txt', p, { maxDurationSec: 60 })).toThrow('"notes.txt" is a text file, not a video.');
  });
  it('formats durations', () => {
    expect(formatDuration(4 * 3600 + 120)).toBe('4 h 2 min');
  });
});

describe('progressOf', () => {
  it('clamps to 0–100 and estimates the time left', () => {
    expect(progressOf(5, 10, 2)).toEqual({ percent: 50, etaSec: 2 });
    expect(progressOf(10.04, 10, 4).percent).toBe(100);
    expect(progressOf(1, 0, 1)).toEqual({ percent: 0, etaSec: null });
  });
});
