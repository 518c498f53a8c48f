import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { DownloadManager } from '../../../main/services/downloads/download-manager';
import { fileTree, LECTURE_ID, MANIFEST_PATH, MEDIA_DIR, serveHub, writeManifest, writeSyntheticPackage, type Hub, type ManifestOverrides } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';

/**
 * A hub is untrusted. Each case below is a hub that lies or attacks in one way; the download must be
 * refused with a message that says what is wrong, and nothing may be written anywhere but the
 * library and the database — checked on the whole temporary file tree, not just the library.
 */

const tmp = tempDir('lectern-dl-hostile-');
const pristine = path.join(tmp.dir, 'pristine');
const hubs: Hub[] = [];

beforeAll(() => writeSyntheticPackage(pristine, { segments: 5 }));
afterAll(async () => {
  await Promise.all(hubs.map((h) => h.close()));
  tmp.cleanup();
});

const media = (root: string, name: string) => path.join(root, MEDIA_DIR, name);
const rewrite = (root: string, name: string, edit: (text: string) => string) => fs.writeFileSync(media(root, name), edit(fs.readFileSync(media(root, name), 'utf8')));

interface HostileCase {
  name: string;
  /** Changes the hub copy; the manifest is regenerated afterwards with `manifest` overrides (sha256s match the edits unless stated). */
  edit?: (root: string, hubUrl: string) => void;
  manifest?: ManifestOverrides;
  /** Runs after the manifest is written, to make it lie. */
  after?: (root: string) => void;
  phase: 'add' | 'download';
  message: RegExp;
}

const cases: HostileCase[] = [
  { name: 'a segment URI climbing out of the hub with ../', phase: 'add', message: /"\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" leaves the hub folder/, edit: (r) => rewrite(r, 'video.m3u8', (t) => t.replace('seg_1.ts', '../../../../etc/passwd')) },
  { name: 'an absolute segment path', phase: 'add', message: /"\/etc\/passwd" leaves the hub folder/, edit: (r) => rewrite(r, 'video.m3u8', (t) => t.replace('seg_1.ts', '/etc/passwd')) },
  { name: 'a file: URI', phase: 'add', message: /"file:\/\/\/etc\/passwd" uses file:/, edit: (r) => rewrite(r, 'video.m3u8', (t) => t.replace('seg_1.ts', 'file:///etc/passwd')) },
  { name: 'a data: URI', phase: 'add', message: /uses data:/, edit: (r) => rewrite(r, 'video.m3u8', (t) => t.replace('seg_1.ts', 'data:video/mp2t;base64,AAAA')) },
  { name: 'a variant on a foreign host', phase: 'add', message: /points at another server \(evil\.example\)/, edit: (r) => rewrite(r, 'master.m3u8', (t) => t.replace('video.m3u8', 'https://evil.example/hub/media/lecture1/video.m3u8')) },
  { name: 'credentials in a URI', phase: 'add', message: /carries credentials/, edit: (r, hub) => rewrite(r, 'video.m3u8', (t) => t.replace('seg_1.ts', `${hub.replace('http://', 'http://user:pw@')}media/lecture1/seg_1.ts`)) },
  { name: 'percent-encoded traversal', phase: 'add', message: /hides dots or slashes/, edit: (r) => rewrite(r, 'video.m3u8', (t) => t.replace('seg_1.ts', '%2e%2e%2f%2e%2e%2fsecret')) },
  { name: 'a live playlist without ENDLIST', phase: 'add', message: /no #EXT-X-ENDLIST/, edit: (r) => rewrite(r, 'video.m3u8', (t) => t.replace('#EXT-X-ENDLIST', '')) },
  { name: 'a malformed EXTINF', phase: 'add', message: /video\.m3u8, line 6: expected a duration/, edit: (r) => rewrite(r, 'video.m3u8', (t) => t.replace('#EXTINF:4.000000,', '#EXTINF:lots,')) },
  { name: 'byte-range segments', phase: 'add', message: /byte-range segments are not supported/, edit: (r) => rewrite(r, 'video.m3u8', (t) => t.replace('seg_1.ts', '#EXT-X-BYTERANGE:100@0\nseg_1.ts')) },
  {
    name: 'a 1,000,000-segment playlist',
    phase: 'add',
    message: /video\.m3u8 is \d+ bytes in the course manifest; Lectern refuses playlists over 2097152/,
    edit: (r) => rewrite(r, 'video.m3u8', (t) => t.replace('#EXT-X-ENDLIST', `${'#EXTINF:4,\nseg_0.ts\n'.repeat(1_000_000)}#EXT-X-ENDLIST`)),
  },
  { name: 'a 10 GB segment in the manifest', phase: 'add', message: /size is larger than 268435456 bytes/, manifest: { files: (f) => f.map((x, i) => (i === 1 ? { ...x, size: 10 * 1024 ** 3 } : x)) } },
  { name: 'a negative size', phase: 'add', message: /size/, manifest: { files: (f) => f.map((x, i) => (i === 1 ? { ...x, size: -1 } : x)) } },
  { name: 'a master path with ..', phase: 'add', message: /media\.master must be a relative path/, manifest: { lecture: { media: { master: '../../../etc/passwd', files: [] } } } },
  { name: 'an absolute file path', phase: 'add', message: /must be a relative path/, manifest: { files: (f) => [...f, { ...f[0], path: '/etc/passwd' }] } },
  { name: 'a file listed twice', phase: 'add', message: /media\.files\.\d+\.path repeats the file "media\/lecture1\/seg_0\.ts"/, manifest: { files: (f) => [...f, f.find((x) => x.path.endsWith('seg_0.ts'))] } },
  { name: 'a segment the manifest does not list', phase: 'add', message: /references media\/lecture1\/seg_2\.ts, which the course manifest does not list/, manifest: { files: (f) => f.filter((x) => !x.path.endsWith('seg_2.ts')) } },
  {
    name: 'a 1,000,000-segment playlist the manifest claims is small',
    phase: 'add',
    message: /video\.m3u8 is 20000248 bytes; Lectern refuses more than 2097152/,
    after: (r) => rewrite(r, 'video.m3u8', (t) => t.replace('#EXT-X-ENDLIST', `${'#EXTINF:4,\nseg_0.ts\n'.repeat(1_000_000)}#EXT-X-ENDLIST`)),
  },
  { name: 'a playlist that does not match its checksum', phase: 'add', message: /video\.m3u8 from the hub does not match the course manifest/, after: (r) => rewrite(r, 'video.m3u8', (t) => `${t}# changed\n`) },
  { name: 'a manifest that is not JSON', phase: 'add', message: /not valid JSON/, after: (r) => fs.writeFileSync(path.join(r, MANIFEST_PATH), '{"courseId":') },
  { name: 'a manifest of 9 MB', phase: 'add', message: /Lectern refuses more than 8388608/, manifest: { root: { description: 'x'.repeat(9 * 1024 * 1024) } } },
  { name: 'an over-long description', phase: 'add', message: /description/, manifest: { root: { description: 'x'.repeat(60_000) } } },
  { name: 'an unknown lecture', phase: 'add', message: /Lecture lecture1 is not in version 1/, manifest: { lecture: { id: 'other' } } },
  { name: 'a segment bigger on the hub than in the manifest', phase: 'download', message: /seg_3\.ts is \d+ bytes on the hub but \d+ in the course manifest/, after: (r) => fs.appendFileSync(media(r, 'seg_3.ts'), 'MORE') },
  { name: 'a segment whose bytes differ from the manifest', phase: 'download', message: /seg_3\.ts arrived with .* sha256 that does not match .*gave up after 3 attempts/, after: (r) => fs.writeFileSync(media(r, 'seg_3.ts'), Buffer.alloc(fs.statSync(media(r, 'seg_3.ts')).size)) },
];

describe('a hostile hub', () => {
  it.each(cases)('refuses $name ($phase)', async (c) => {
    const root = path.join(tmp.dir, `hub-${cases.indexOf(c)}`);
    fs.cpSync(pristine, root, { recursive: true });
    const hub = await serveHub(root);
    hubs.push(hub);
    c.edit?.(root, hub.url);
    writeManifest(root, c.manifest);
    c.after?.(root);
    const hubBefore = fileTree(root);
    const outside = fileTree(tmp.dir).filter((p) => !p.startsWith('data-'));

    const dataDir = path.join(tmp.dir, `data-${cases.indexOf(c)}`);
    const db = openDatabase(dataDir, migrations);
    const secrets = createMemorySecretStore();
    const library = path.join(dataDir, 'library');
    const manager = new DownloadManager({ db, libraryDir: library, secrets, freeBytes: async () => 1e12, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    try {
      const adding = manager.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
      if (c.phase === 'add') {
        await expect(adding).rejects.toThrow(c.message);
        expect(manager.list()).toEqual([]);
        expect(secrets.entries.size).toBe(0);
        expect(fileTree(library)).toEqual([]);
      } else {
        const { id } = await adding;
        await manager.start(id);
        expect(manager.get(id).state).toBe('failed');
        expect(manager.get(id).error).toMatch(c.message);
        // Only verified files, under app-chosen names, and no partial file left behind.
        expect(fileTree(library).every((p) => p === id || /^[0-9a-f]{32}\/\d+\.seg$/.test(p))).toBe(true);
        expect(fileTree(library)).not.toContain(`${id}/3.seg`);
      }
    } finally {
      db.close();
    }
    // Nothing written anywhere else: the hub copy and every other folder are as they were.
    expect(fileTree(root)).toEqual(hubBefore);
    expect(fileTree(tmp.dir).filter((p) => !p.startsWith('data-'))).toEqual(outside);
    expect(fileTree(dataDir).filter((p) => !p.startsWith('library') && !/^lectern\.db(-wal|-shm)?$/.test(p))).toEqual([]);
  });
});
