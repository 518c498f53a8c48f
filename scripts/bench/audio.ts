/**
 * bench:audio — how low can mono AAC go for speech? Speaks an English and a Korean lecture paragraph
 * with espeak-ng (Debian package `espeak-ng`), encodes each with ffmpeg's AAC at several bitrates, and
 * compares the decoded speech band (below 10 kHz) with the source:
 *
 *   npm run bench:audio -- [--seconds 60]
 *
 * Ends with `name=value` lines per bitrate: speech_snr_db_<kbps> (waveform SNR, worst of the two
 * languages), speech_sibilance_loss_db_<kbps> (energy lost in the 4–8 kHz band, where s/sh/ㅅ/ㅈ live),
 * and speech_bytes_vs_64k_<kbps> (file size against the 64 kbit/s rendition the ladder uses for mono).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveFfmpegPaths } from '../../main/services/media/ffmpeg-tools';
import { numberFlag } from './args';

const seconds = numberFlag('seconds', 60);
const BITRATES = [32, 48, 64, 96] as const;
const SPEECH: Record<string, { voice: string; text: string }> = {
  en: { voice: 'en-us', text: 'In this lecture we look at how a video is split into segments, and how the player picks a quality for each of them. ' },
  ko: { voice: 'ko', text: '이번 강의에서는 동영상을 여러 조각으로 나누고, 플레이어가 조각마다 화질을 고르는 방법을 살펴봅니다. ' },
};

const { ffmpeg } = resolveFfmpegPaths();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-audio-'));

/** Runs a tool and returns its stderr (ffmpeg prints astats there); throws with the tail on failure. */
function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} could not start (${r.error.message}); on Debian: apt-get install ${cmd === 'espeak-ng' ? 'espeak-ng' : 'ffmpeg'}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 6).join(' ')}… exited ${r.status}: ${r.stderr.slice(-400)}`);
  return r.stderr;
}

/** Overall RMS level (dB) of a filter graph's single audio output, read from astats. */
function rmsDb(inputs: string[], graph: string): number {
  const err = run(ffmpeg, ['-hide_banner', '-nostats', ...inputs.flatMap((i) => ['-i', i]), '-filter_complex', `${graph},astats`, '-f', 'null', '-']);
  const overall = err.slice(err.lastIndexOf('Overall'));
  const m = /RMS level dB:\s*(-?[0-9.]+|-inf)/.exec(overall);
  if (!m) throw new Error(`astats printed no RMS level: ${err.slice(-300)}`);
  return m[1] === '-inf' ? -Infinity : Number(m[1]);
}

function speak(lang: string): string {
  const wav = path.join(work, `${lang}-espeak.wav`);
  const { voice, text } = SPEECH[lang]!;
  // espeak-ng says the paragraph in about 6 s; repeat it until it covers the requested length.
  run('espeak-ng', ['-v', voice, '-s', '150', '-w', wav, text.repeat(Math.ceil(seconds / 5))]);
  const src = path.join(work, `${lang}.wav`);
  run(ffmpeg, ['-hide_banner', '-y', '-i', wav, '-t', String(seconds), '-ar', '48000', '-ac', '1', src]);
  return src;
}

const SPEECH_BAND = 'lowpass=f=10000';
const SIBILANCE_BAND = 'highpass=f=4000,lowpass=f=8000';

interface Measure {
  snrDb: number;
  sibilanceLossDb: number;
  bytes: number;
}

function measure(src: string, kbps: number): Measure {
  const enc = path.join(work, `${path.basename(src, '.wav')}-${kbps}.m4a`);
  // The same AAC settings the ladder uses for a mono source (ladder-command.ts), only the rate varies.
  run(ffmpeg, ['-hide_banner', '-y', '-i', src, '-c:a', 'aac', '-b:a', `${kbps}k`, '-ac', '1', '-ar', '48000', enc]);
  const ref = rmsDb([src], `[0:a]${SPEECH_BAND}`);
  const diff = rmsDb([src, enc], `[0:a]${SPEECH_BAND}[r];[1:a]aresample=48000,${SPEECH_BAND},volume=-1[e];[r][e]amix=inputs=2:normalize=0`);
  const sibRef = rmsDb([src], `[0:a]${SIBILANCE_BAND}`);
  const sibEnc = rmsDb([enc], `[0:a]aresample=48000,${SIBILANCE_BAND}`);
  return { snrDb: ref - diff, sibilanceLossDb: Math.max(0, sibRef - sibEnc), bytes: fs.statSync(enc).size };
}

try {
  const sources = Object.keys(SPEECH).map(speak);
  const results = new Map<number, Measure[]>(BITRATES.map((k) => [k, sources.map((s) => measure(s, k))]));
  const bytes64 = results.get(64)!.reduce((n, m) => n + m.bytes, 0);
  process.stdout.write(`speech: ${Object.keys(SPEECH).join(' + ')}, ${seconds} s each, mono 48 kHz, AAC (ffmpeg native)\n`);
  for (const [kbps, ms] of results) {
    const fmt = (x: number) => x.toFixed(2);
    process.stdout.write(`speech_snr_db_${kbps}=${fmt(Math.min(...ms.map((m) => m.snrDb)))}\n`);
    process.stdout.write(`speech_sibilance_loss_db_${kbps}=${fmt(Math.max(...ms.map((m) => m.sibilanceLossDb)))}\n`);
    process.stdout.write(`speech_bytes_vs_64k_${kbps}=${(ms.reduce((n, m) => n + m.bytes, 0) / bytes64).toFixed(3)}\n`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
