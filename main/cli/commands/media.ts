import { InvalidArgumentError, type Command } from 'commander';
import type { EventSink } from '../../contract/events';
import type { LectureMedia, MediaJob, MediaJobKind } from '../../contract/types';
import { CliError, type CliContext } from '../context';
import { mediaKindWord, mediaStatusWord, storedErrorText } from '../status-words';

export function registerMediaCommands(program: Command, ctx: CliContext): void {
  const media = program.command('media').description('lecture videos: import, previews and the HLS ladder');

  media
    .command('import')
    .description('attach a video file to a lecture (probed, validated and copied into the library)')
    .argument('<lecture-id>', 'lecture id (see: lectern courses show <course-id> --json)')
    .argument('<file>', 'video file')
    .action(async (lectureId: string, filePath: string) => {
      const m = await ctx.call('media.import', { lectureId, filePath });
      ctx.print(m, () => `Imported ${m.source?.originalName ?? filePath}\n${describe(m)}`);
    });

  media
    .command('captions')
    .description(
      "attach, replace or remove a lecture's WebVTT captions (UTF-8, starts with WEBVTT, at most 2 MiB); without a file, --language/--label change the attached ones (\"\" clears)",
    )
    .argument('<lecture-id>', 'lecture id')
    .argument('[file]', 'WebVTT (.vtt) captions file')
    .option('--language <tag>', 'language of the captions, a BCP 47 tag such as en or pt-BR')
    .option('--label <text>', 'what the player shows for the track, e.g. "English"')
    .option('--remove', 'remove the lecture\'s captions instead')
    .action(async (lectureId: string, filePath: string | undefined, opts: { language?: string; label?: string; remove?: boolean }) => {
      if (opts.remove) {
        // CliError, not commander's InvalidArgumentError: thrown from an action, the latter exits silently.
        if (filePath) throw new CliError('give either a file or --remove, not both.');
        const m = await ctx.call('media.removeCaptions', { lectureId });
        ctx.print(m, () => `Removed the captions of lecture ${lectureId}.`);
        return;
      }
      if (!filePath && (opts.language !== undefined || opts.label !== undefined)) {
        // An empty value clears the field: the contract takes null for "none", never an empty tag.
        const m = await ctx.call('media.setCaptionsInfo', {
          lectureId,
          ...(opts.language !== undefined ? { language: opts.language.trim() || null } : {}),
          ...(opts.label !== undefined ? { label: opts.label.trim() || null } : {}),
        });
        ctx.print(m, () => `Updated the captions of lecture ${lectureId}\n${describe(m)}`);
        return;
      }
      if (!filePath) throw new CliError('name the .vtt file to attach, --language/--label to change the attached one, or pass --remove.');
      const m = await ctx.call('media.attachCaptions', {
        lectureId,
        filePath,
        ...(opts.language !== undefined ? { language: opts.language } : {}),
        ...(opts.label !== undefined ? { label: opts.label } : {}),
      });
      ctx.print(m, () => `Attached captions ${m.captions?.originalName ?? filePath}\n${describe(m)}`);
    });

  media
    .command('build')
    .description('queue poster, storyboard, HLS ladder and preview clip for a lecture')
    .argument('<lecture-id>', 'lecture id')
    .option('--wait', 'run the jobs now and wait until they finish (progress on stderr)')
    .option('--only <kinds>', `only these outputs, comma-separated (${JOB_KINDS.join(', ')}), e.g. to retry one that failed`, parseKinds)
    .action(async (lectureId: string, opts: { wait?: boolean; only?: MediaJobKind[] }) => {
      const jobs = await ctx.call('media.build', { lectureId, wait: Boolean(opts.wait), ...(opts.only ? { kinds: opts.only } : {}) });
      ctx.print(jobs, () =>
        opts.wait ? jobs.map(jobLine).join('\n') : `${jobs.map(jobLine).join('\n')}\nQueued. Open Lectern, or run: lectern media build ${lectureId} --wait`,
      );
      if (opts.wait && jobs.some((j) => j.status === 'failed')) process.exitCode = 1;
    });

  media
    .command('status')
    .description("a lecture's media, or every media job")
    .argument('[lecture-id]', 'lecture id')
    .action(async (lectureId: string | undefined) => {
      if (lectureId) {
        const m = await ctx.call('media.get', { lectureId });
        ctx.print(m, () => describe(m));
      } else {
        const jobs = await ctx.call('media.jobs', {});
        ctx.print(jobs, () => (jobs.length ? jobs.map(jobLine).join('\n') : 'No media jobs.'));
      }
    });

  media
    .command('cancel')
    .description('cancel a queued or running media job')
    .argument('<job-id>', 'job id (see: lectern media status)')
    .action(async (jobId: string) => {
      const job = await ctx.call('media.cancel', { jobId });
      ctx.print(job, () => jobLine(job));
    });

  media
    .command('tools')
    .description('which ffmpeg Lectern uses and whether it can transcode')
    .action(async () => {
      const t = await ctx.call('media.tools', {});
      ctx.print(t, () => `${t.version}\nffmpeg:  ${t.ffmpeg}\nffprobe: ${t.ffprobe}\n${t.problem ?? 'OK: libx264, aac and hls are available.'}`);
    });
}

const JOB_KINDS: readonly MediaJobKind[] = ['poster', 'storyboard', 'ladder', 'preview'];

function parseKinds(value: string): MediaJobKind[] {
  const kinds = value.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !JOB_KINDS.some((known) => known === k));
  if (unknown.length) throw new InvalidArgumentError(`unknown output "${unknown.join('", "')}"; choose from ${JOB_KINDS.join(', ')}.`);
  return JOB_KINDS.filter((k) => kinds.includes(k));
}

/** Progress lines on stderr while `media build --wait` runs jobs in this process; stdout stays clean for --json. */
export function mediaProgressOnStderr(): EventSink {
  return (name, payload) => {
    if (name !== 'media.job') return;
    const job = payload as MediaJob;
    if (job.status === 'queued') return;
    const eta = job.status === 'running' && job.etaSec !== null ? `, ${job.etaSec}s left` : '';
    process.stderr.write(`${mediaKindWord(job.kind).padEnd(10)} ${mediaStatusWord(job.status)}${job.status === 'running' ? ` ${job.percent.toFixed(0)}%${eta}` : ''}${job.error ? `: ${storedErrorText(job.error, job.errorText)}` : ''}\n`);
  };
}

function jobLine(j: MediaJob): string {
  return `${j.id}  ${j.kind.padEnd(10)} ${j.status}${j.status === 'running' ? ` ${j.percent.toFixed(0)}%` : ''}${j.error ? `  ${storedErrorText(j.error, j.errorText)}` : ''}`;
}

function describe(m: LectureMedia): string {
  const lines: string[] = [];
  const p = m.source?.probe;
  if (!m.source || !p) lines.push('No video imported.');
  else {
    const v = p.video;
    lines.push(
      `source:     ${m.source.file}`,
      `            ${p.container}, ${p.durationSec?.toFixed(1) ?? '?'} s, ${v ? `${v.codec} ${v.width}×${v.height}${v.frameRate ? ` @ ${v.frameRate.toFixed(2)} fps` : ''}${v.rotation ? `, rotated ${v.rotation}°` : ''}` : 'no video'}, ${p.audio ? `audio ${p.audio.codec}` : 'no audio'}`,
    );
  }
  lines.push(`poster:     ${m.poster ?? '—'}`, `storyboard: ${m.storyboard?.vtt ?? '—'}`, `preview:    ${m.preview ?? '—'}`);
  const c = m.captions;
  lines.push(`captions:   ${c ? `${c.file} (${c.cueCount} cues${c.language ? `, ${c.language}` : ''}${c.label ? `, "${c.label}"` : ''})` : '—'}`);
  lines.push(`ladder:     ${m.ladder ? `${m.ladder.master} (${m.ladder.renditions.map((r) => r.name).join(', ')})` : '—'}`);
  for (const j of m.jobs) lines.push(`  ${jobLine(j)}`);
  return lines.join('\n');
}
