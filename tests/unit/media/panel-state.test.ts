import { describe, expect, it } from 'vitest';
import type { LectureMedia, MediaJob, MediaProbe } from '../../../main/contract/types';
import { latestJobs, laterJob, mergeJobs, outputVersion, withJob } from '../../../renderer/src/media/latest-jobs';
import { formatAboutLeft as formatEta } from '../../../renderer/src/i18n/format';
import { describeProbe } from '../../../renderer/src/media/media-format';
import type { LectureMediaEntry } from '../../../renderer/src/media/media-store';
import { summarize } from '../../../renderer/src/media/media-summary';

const probe: MediaProbe = {
  container: 'mov,mp4',
  durationSec: 7,
  sizeBytes: 1,
  bitRate: null,
  video: { codec: 'h264', profile: null, codedWidth: 640, codedHeight: 360, width: 640, height: 360, frameRate: 29.97, rotation: 0 },
  audio: null,
};

const job = (over: Partial<MediaJob>): MediaJob => ({
  id: 'j',
  lectureId: 'l',
  kind: 'ladder',
  status: 'queued',
  percent: 0,
  etaSec: null,
  error: null,
  createdAt: 1,
  startedAt: null,
  finishedAt: null,
  ...over,
});

describe('the studio media panel state', () => {
  it('shows the newest job of each kind, in build order', () => {
    const jobs = [
      job({ id: 'old-ladder', kind: 'ladder', status: 'failed', createdAt: 1 }),
      job({ id: 'poster', kind: 'poster', status: 'done', createdAt: 1 }),
      job({ id: 'new-ladder', kind: 'ladder', status: 'running', createdAt: 5 }),
    ];
    expect(latestJobs(jobs).map((j) => j.id)).toEqual(['poster', 'new-ladder']);
  });

  it('never lets a fetched answer that travelled slower than the events undo a finish or lower a percent', () => {
    const cancelled = job({ status: 'cancelled', percent: 40 });
    const staleRunning = job({ status: 'running', percent: 35 });
    expect(laterJob(cancelled, staleRunning)).toBe(cancelled);
    expect(laterJob(job({ status: 'running', percent: 60 }), staleRunning).percent).toBe(60);
    expect(laterJob(job({ status: 'queued' }), staleRunning)).toBe(staleRunning);
    // Jobs the page has not heard of yet come from the fetch as they are.
    expect(mergeJobs([staleRunning, job({ id: 'new' })], [cancelled]).map((j) => [j.id, j.status])).toEqual([
      ['j', 'cancelled'],
      ['new', 'queued'],
    ]);
  });

  it('replaces a job by id or appends a new one', () => {
    const a = job({ id: 'a' });
    expect(withJob([a], job({ id: 'a', status: 'running' }))).toEqual([job({ id: 'a', status: 'running' })]);
    expect(withJob([a], job({ id: 'b' })).map((j) => j.id)).toEqual(['a', 'b']);
  });

  it("versions an output's URL by when it was last finished, so a rebuilt poster is fetched again", () => {
    const media: LectureMedia = {
      lectureId: 'l',
      source: { file: '/d/source.mp4', originalName: 'talk.mp4', sizeBytes: 1, importedAt: 10, probe },
      poster: null,
      storyboard: null,
      preview: null,
      ladder: null,
      captions: null,
      jobs: [job({ kind: 'poster', status: 'done', finishedAt: 20 }), job({ kind: 'poster', status: 'done', finishedAt: 30 }), job({ kind: 'poster', status: 'failed', finishedAt: 40 })],
    };
    expect(outputVersion(media, 'poster')).toBe(30);
    expect(outputVersion(media, 'ladder')).toBe(10);
  });

  it('says what the source is and how long a job has left', () => {
    expect(describeProbe(probe)).toBe('640×360 · H.264 · 29.97 fps · no audio');
    expect(formatEta(null)).toBe('');
    expect(formatEta(0.2)).toBe('about 1 s left');
    expect(formatEta(150)).toBe('about 3 min left');
  });

  it("sums a lecture's video up in a word for its outline row", () => {
    const media: LectureMedia = { lectureId: 'l', source: null, poster: null, storyboard: null, preview: null, ladder: null, captions: null, jobs: [] };
    const entry = (over: Partial<LectureMediaEntry>): LectureMediaEntry => ({ media, importing: null, problem: null, expanded: false, ...over });
    const source = { file: '/d/s.mp4', originalName: 's.mp4', sizeBytes: 1, importedAt: 1, probe };
    expect(summarize(entry({ media: null })).text).toBe('Video');
    expect(summarize(entry({})).text).toBe('No video');
    expect(summarize(entry({ importing: 's.mp4' })).text).toBe('Checking…');
    expect(summarize(entry({ problem: { error: 'x', retry: null } })).tone).toBe('problem');
    expect(summarize(entry({ media: { ...media, source } })).text).toBe('Not built');
    const building = { ...media, source, jobs: [job({ kind: 'poster', status: 'done' }), job({ id: 'l2', kind: 'ladder', status: 'running', percent: 45.6 })] };
    expect(summarize(entry({ media: building }))).toEqual({ text: 'Building 45%', tone: 'busy' });
    const ready = { ...media, source, ladder: { master: '/d/hls/master.m3u8', renditions: [] }, jobs: [job({ status: 'done' })] };
    expect(summarize(entry({ media: ready }))).toEqual({ text: 'Video ready', tone: 'ok' });
  });
});
