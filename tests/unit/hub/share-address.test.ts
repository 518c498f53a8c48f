import { describe, expect, it } from 'vitest';
import { normalizeHubBase } from '../../../main/services/hls/hub-uri';
import { shareAddress } from '../../../main/services/hub/share-address';

describe('shareAddress: what a student types to add the hub', () => {
  it('puts the bucket in the path for path-style stores', () => {
    expect(shareAddress({ endpoint: 'http://127.0.0.1:8900', bucket: 'courses', keyPrefix: '', pathStyle: true })).toBe('http://127.0.0.1:8900/courses/');
    expect(shareAddress({ endpoint: 'https://minio.example.edu/', bucket: 'courses', keyPrefix: 'lectern/2026/', pathStyle: true })).toBe(
      'https://minio.example.edu/courses/lectern/2026/',
    );
  });

  it('puts the bucket in the host name for virtual-hosted stores (AWS and most clouds)', () => {
    expect(shareAddress({ endpoint: 'https://s3.eu-west-1.amazonaws.com', bucket: 'my-courses', keyPrefix: 'lectern/', pathStyle: false })).toBe(
      'https://my-courses.s3.eu-west-1.amazonaws.com/lectern/',
    );
  });

  it('keeps a path the endpoint has (a store behind a reverse proxy)', () => {
    expect(shareAddress({ endpoint: 'https://files.example.edu/s3/', bucket: 'b1', keyPrefix: 'x/', pathStyle: true })).toBe('https://files.example.edu/s3/b1/x/');
  });

  it('is already in the form the library stores, so adding it changes nothing', () => {
    for (const hub of [
      { endpoint: 'http://127.0.0.1:8900', bucket: 'courses', keyPrefix: 'a/b/', pathStyle: true },
      { endpoint: 'https://s3.amazonaws.com', bucket: 'c.d', keyPrefix: '', pathStyle: false },
    ]) {
      const address = shareAddress(hub);
      expect(normalizeHubBase(address).href).toBe(address);
    }
  });
});
