// npm run bench:upload — what the upload engine's bookkeeping (SQLite part log, Content-MD5, retry
// wrapper) costs against the SDK's own tools at the same settings, on the real S3 test server (Swift):
//  1. one 1 GiB file: UploadEngine vs @aws-sdk/lib-storage Upload, both 16 MiB parts, 4 in flight;
//  2. 900 files of ~500 KiB (a 60-minute lecture's HLS segments): UploadEngine vs bare PutObject, 8 at a time.
// Runs alternate engine/baseline to spread machine noise; medians are compared. Swift's own CPU is the
// limit on loopback, so only the ratios mean something. BENCH_ROUNDS, BENCH_BIG_MIB, BENCH_FILES override.
// Ends with `upload_vs_libstorage_ratio=<x>` and `segments_vs_putobject_ratio=<x>`.
import fs from 'node:fs';
import path from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { openDatabase } from '../../main/services/db/database';
import { migrations } from '../../main/services/db/migrations';
import { UploadEngine } from '../../main/services/uploads/upload-engine';
import { runPool } from '../../main/services/uploads/pool';
import { writeBigFile } from '../../tests/helpers/big-file';
import { connectS3TestServer } from '../../tests/helpers/s3-server';
import { tempDir } from '../../tests/helpers/tmp';

const MIB = 1024 * 1024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BIG_MIB = Number(process.env.BENCH_BIG_MIB ?? 1024);
const FILES = Number(process.env.BENCH_FILES ?? 900);
const PART = 16 * MIB;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const time = async (run: () => Promise<void>) => {
  const t0 = performance.now();
  await run();
  return (performance.now() - t0) / 1000;
};

const tmp = tempDir('lectern-bench-up-');
const s3 = await connectS3TestServer('bench');
try {
  const big = path.join(tmp.dir, 'big.bin');
  writeBigFile(big, BIG_MIB * MIB, 'bench');
  const segDir = path.join(tmp.dir, 'segs');
  fs.mkdirSync(segDir);
  const segs = Array.from({ length: FILES }, (_, i) => {
    const f = path.join(segDir, `seg_${i}.ts`);
    writeBigFile(f, 400 * 1024 + ((i * 7919) % (200 * 1024)), `seg${i}`);
    return f;
  });
  const segBytes = segs.reduce((n, f) => n + fs.statSync(f).size, 0);
  console.log(`server ${s3.endpoint}; ${BIG_MIB} MiB file; ${FILES} segments, ${(segBytes / MIB).toFixed(0)} MiB; ${ROUNDS} rounds`);

  const db = openDatabase(path.join(tmp.dir, 'data'), migrations);
  const engine = (fileConcurrency = 8) => new UploadEngine({ db, target: { client: s3.client, bucket: s3.bucket, scope: 'bench' }, partSize: PART, partConcurrency: 4, fileConcurrency });
  const del = async (keys: string[]) => runPool(keys, 8, async (Key) => void (await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key }))));

  const engineBig: number[] = [];
  const libBig: number[] = [];
  const engineSeg: number[] = [];
  const putSeg: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const e = await time(async () => void (await engine().uploadFiles([{ path: big, key: 'big/engine.bin' }])));
    await del(['big/engine.bin']);
    const l = await time(async () => {
      await new Upload({ client: s3.client, params: { Bucket: s3.bucket, Key: 'big/lib.bin', Body: fs.createReadStream(big) }, partSize: PART, queueSize: 4 }).done();
    });
    await del(['big/lib.bin']);
    engineBig.push(BIG_MIB / e);
    libBig.push(BIG_MIB / l);
    console.log(`round ${r + 1} big: engine ${(BIG_MIB / e).toFixed(1)} MiB/s, lib-storage ${(BIG_MIB / l).toFixed(1)} MiB/s`);

    const es = await time(async () => void (await engine(8).uploadFiles(segs.map((p, i) => ({ path: p, key: `seg/e/${i}.ts` })))));
    await del(segs.map((_, i) => `seg/e/${i}.ts`));
    const ps = await time(() =>
      runPool(
        segs.map((p, i) => ({ p, i })),
        8,
        async ({ p, i }) => void (await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `seg/p/${i}.ts`, Body: fs.readFileSync(p) }))),
      ),
    );
    await del(segs.map((_, i) => `seg/p/${i}.ts`));
    engineSeg.push(FILES / es);
    putSeg.push(FILES / ps);
    console.log(`round ${r + 1} segments: engine ${(FILES / es).toFixed(1)} files/s, PutObject ${(FILES / ps).toFixed(1)} files/s`);
  }
  db.close();
  console.log(`median big: engine ${median(engineBig).toFixed(1)} MiB/s, lib-storage ${median(libBig).toFixed(1)} MiB/s`);
  console.log(`median segments: engine ${median(engineSeg).toFixed(1)} files/s, PutObject ${median(putSeg).toFixed(1)} files/s`);
  console.log(`upload_vs_libstorage_ratio=${(median(engineBig) / median(libBig)).toFixed(3)}`);
  console.log(`segments_vs_putobject_ratio=${(median(engineSeg) / median(putSeg)).toFixed(3)}`);
} finally {
  await s3.close();
  tmp.cleanup();
}
