import { describe, expect, it } from 'vitest';
import { publishingChannels } from '../../../main/contract/domains/publishing';

const hub = { name: 'Hub', endpoint: 'https://s3.example.com', bucket: 'courses', accessKeyId: 'AKIA', secretAccessKey: 's3cr3t' };
const issues = (channel: keyof typeof publishingChannels, input: unknown) => {
  const r = publishingChannels[channel].input.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('publishing contract inputs', () => {
  it('fills hub defaults and normalises the key prefix', () => {
    expect(publishingChannels['hubs.create'].input.parse({ ...hub, keyPrefix: '/lectern/' })).toMatchObject({ region: 'us-east-1', pathStyle: false, keyPrefix: 'lectern/' });
  });

  it('names each bad hub field with a sentence the form can show', () => {
    expect(issues('hubs.create', { ...hub, endpoint: 'ftp://x', bucket: 'No_Such', keyPrefix: 'a/../b', secretAccessKey: '' })).toEqual([
      'endpoint: Endpoint must be an http(s) URL such as https://s3.eu-west-1.amazonaws.com',
      'bucket: Bucket must be 3–63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit',
      'keyPrefix: Key prefix must not contain ".."',
      'secretAccessKey: Secret access key cannot be empty',
    ]);
  });

  it('refuses unknown fields, so a misspelt secret is not silently dropped', () => {
    expect(issues('hubs.create', { ...hub, secret: 'x' })).toEqual([': Unrecognized key: "secret"']);
    expect(issues('publish.start', { courseId: crypto.randomUUID(), hubId: crypto.randomUUID(), force: true })).toHaveLength(1);
  });

  it('a hub patch has no defaults, so unnamed settings are kept', () => {
    expect(publishingChannels['hubs.update'].input.parse({ hubId: crypto.randomUUID(), patch: { name: 'New' } }).patch).toEqual({ name: 'New' });
    expect(publishingChannels['hubs.update'].input.parse({ hubId: crypto.randomUUID(), patch: { sessionToken: null } }).patch).toEqual({ sessionToken: null });
  });

  it('ids must be Lectern ids and gc keeps at least one version', () => {
    expect(issues('uploads.pause', { runId: 'abc' })).toEqual(['runId: must be an id issued by Lectern']);
    expect(issues('publish.gc', { courseId: crypto.randomUUID(), hubId: crypto.randomUUID(), keepVersions: 0 })).toEqual(['keepVersions: Keep at least the current version']);
  });
});
