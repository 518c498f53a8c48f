import fs from 'node:fs';
import { open } from '../media/services';
import { sliceStream } from './recorder-stream';

/**
 * Child for recovery.test.ts: records a take from a prepared stream, one slice every 50 ms, printing
 * `appended <n>` after each journaled slice, and waits to be SIGKILLed like a crashed app.
 */
const [dataDir, lectureId, streamFile, slices] = process.argv.slice(2);
if (!dataDir || !lectureId || !streamFile || !slices) throw new Error('usage: record-child.ts <data-dir> <lecture-id> <stream.webm> <slices>');
const s = open(dataDir, { media: { runJobs: false } });
const take = await s.recordings.start({ lectureId, mimeType: 'video/webm;codecs=vp8,opus', tracks: { screen: true, camera: false, microphone: true } });
process.stdout.write(`take ${take.id}\n`);
const parts = sliceStream(fs.readFileSync(streamFile), Number(slices));
for (const [seq, part] of parts.entries()) {
  const r = await s.recordings.appendChunk(take.id, seq, part.toString('base64'), (seq + 1) * 1000);
  process.stdout.write(`appended ${r.chunks}\n`);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
setInterval(() => {}, 1000);
