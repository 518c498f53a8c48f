import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { LecternError } from '../../../main/contract/errors';
import { classifyFailure, type FailureCode } from '../../../main/contract/failures';
import { createDispatcher } from '../../../main/ipc/dispatch';
import type { Handlers } from '../../../main/ipc/handlers';
import { toHubError } from '../../../main/services/hub/hub-error';
import { probeFile } from '../../../main/services/media/probe';
import { describeRunFailure } from '../../../main/services/publishing/run-failure';
import { dedupe, describeError, storedHubError } from '../../../renderer/src/errors/error-text';

/** What must never reach the sentence: error names, errno codes, status lines, SDK fields, tool output. */
const INTERNALS = /ECONN|ENOTFOUND|ETIMEDOUT|ENOSPC|EAI_AGAIN|Error:|TypeError|retryable|fatal|HTTP \d|\$metadata|SignatureDoesNotMatch|InvalidAccessKeyId|NoSuchBucket|RequestTimeTooSkewed|AccessDenied|SlowDown|ExpiredToken|ffprobe|Invalid data|getaddrinfo|127\.0\.0\.1/;

/** An exception shaped exactly as @aws-sdk/client-s3 throws it for an S3 error response. */
function s3Error(name: string, status: number, message: string): S3ServiceException {
  const err = new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status, requestId: 'tx0001', attempts: 1, totalRetryDelay: 0 }, message });
  return Object.assign(err, { Code: name });
}

/** A Node system error as `net`/`dns`/`fs` raise it. */
function sysError(code: string, message: string, extra: Record<string, unknown> = {}): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code, errno: -1, ...extra });
}

const cases: { what: string; error: unknown; failure: FailureCode; sentence: RegExp }[] = [
  { what: 'connection refused', error: sysError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9', { syscall: 'connect', address: '127.0.0.1', port: 9 }), failure: 'connection-refused', sentence: /Nothing answered at .*check the endpoint address and port/ },
  { what: 'connection refused, wrapped by fetch', error: new TypeError('fetch failed', { cause: sysError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9') }), failure: 'connection-refused', sentence: /Nothing answered/ },
  { what: 'DNS name not found', error: sysError('ENOTFOUND', 'getaddrinfo ENOTFOUND hub.invalid', { syscall: 'getaddrinfo', hostname: 'hub.invalid' }), failure: 'host-not-found', sentence: /could not find .*check the address for typos/ },
  { what: 'DNS lookup failed for now', error: sysError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN hub.example'), failure: 'host-not-found', sentence: /could not find/ },
  { what: 'connect timeout', error: sysError('ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.1:443'), failure: 'timeout', sentence: /answering too slowly/ },
  { what: 'SDK request timeout', error: Object.assign(new Error('Connection timed out after 30000 ms'), { name: 'TimeoutError' }), failure: 'timeout', sentence: /answering too slowly/ },
  { what: 'wrong secret', error: s3Error('SignatureDoesNotMatch', 403, 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'), failure: 'credentials-invalid', sentence: /did not accept the access key or secret/ },
  { what: 'unknown key id', error: s3Error('InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.'), failure: 'credentials-invalid', sentence: /access key or secret/ },
  { what: 'missing bucket', error: s3Error('NoSuchBucket', 404, 'The specified bucket does not exist'), failure: 'bucket-missing', sentence: /does not exist on .*create it, or correct the bucket name/ },
  { what: 'clock skew', error: s3Error('RequestTimeTooSkewed', 403, 'The difference between the request time and the current time is too large.'), failure: 'clock-skew', sentence: /clock is too far off/ },
  { what: 'no permission', error: s3Error('AccessDenied', 403, 'Access Denied'), failure: 'access-denied', sentence: /not allowed to do this/ },
  { what: 'bare 403 without a code', error: s3Error('UnknownError', 403, 'UnknownError'), failure: 'access-denied', sentence: /not allowed/ },
  { what: 'SlowDown', error: s3Error('SlowDown', 503, 'Please reduce your request rate.'), failure: 'throttled', sentence: /asked Lectern to slow down/ },
  { what: '429 Too Many Requests', error: s3Error('TooManyRequests', 429, 'Too Many Requests'), failure: 'throttled', sentence: /slow down/ },
  { what: 'bare 429', error: s3Error('Unknown', 429, 'UnknownError'), failure: 'throttled', sentence: /slow down/ },
  { what: 'service unavailable', error: s3Error('ServiceUnavailable', 503, 'Service Unavailable'), failure: 'server-unavailable', sentence: /having problems right now/ },
  { what: 'expired session token', error: s3Error('ExpiredToken', 400, 'The provided token has expired.'), failure: 'credentials-expired', sentence: /temporary credentials .* have expired/ },
  { what: 'disk full', error: sysError('ENOSPC', 'ENOSPC: no space left on device, write', { syscall: 'write' }), failure: 'disk-full', sentence: /disk is full: free up some space/ },
];

describe('describeError', () => {
  for (const c of cases) {
    it(`says what to do about ${c.what}, with the technical text only under Details`, () => {
      expect(classifyFailure(c.error)).toBe(c.failure);
      const text = describeError(c.error, { hub: 'Campus hub', bucket: 'lectures' });
      expect(text.failure).toBe(c.failure);
      expect(text.sentence).toMatch(c.sentence);
      expect(text.sentence).not.toMatch(INTERNALS);
      expect(text.sentence.trim().split(/[.!?](\s|$)/).filter((s) => s.trim()).length).toBe(1);
      expect(text.details).toContain((c.error as Error).message === 'fetch failed' ? 'fetch failed' : (c.error as Error).message.slice(0, 20));
    });
  }

  it('carries the failure across the IPC boundary when a service lets a raw error escape', async () => {
    const full = sysError('ENOSPC', 'ENOSPC: no space left on device, write');
    const handlers = new Proxy({}, { get: () => () => Promise.reject(full) }) as unknown as Handlers;
    const dispatch = createDispatcher(handlers, { log: () => {} } as never);
    const envelope = await dispatch('app.info', {});
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    const text = describeError(LecternError.fromData(envelope.error));
    expect(text.sentence).toBe('The disk is full: free up some space, then try again.');
    expect(text.details).toContain('no space left on device');
  });

  it('names the hub and bucket of a hub error after the round trip, never its S3 code', () => {
    const err = toHubError(s3Error('NoSuchBucket', 404, 'The specified bucket does not exist'), { hub: 'Campus hub', bucket: 'lectures-2026' });
    const back = LecternError.fromData((err as LecternError).toData());
    const text = describeError(back);
    expect(text.sentence).toBe('The bucket “lectures-2026” does not exist on “Campus hub”: create it, or correct the bucket name in the hub settings.');
    expect(text.details).toContain('NoSuchBucket');
  });

  it('reads a stored publish error (text only) and its coarse reason', () => {
    const refused = describeRunFailure(sysError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'), { hub: 'Campus hub', bucket: 'b' });
    expect(refused.reason).toBe('retryable');
    const text = describeError(storedHubError(refused.message, refused.reason), { hub: 'Campus hub' });
    expect(text.sentence).toMatch(/^Nothing answered at “Campus hub”/);
    expect(text.sentence).not.toMatch(INTERNALS);
  });

  it('shows each repeated detail once (three probes refused for one reason)', () => {
    const probe = 'credentials-invalid: SignatureDoesNotMatch: HTTP 403: The request signature we calculated does not match';
    expect(dedupe([`list: ${probe}`, `write: ${probe}`, `read: ${probe}`].join('\n'))?.split('\n')).toHaveLength(1);
  });

  it('keeps a plain sentence from main as it is, and hides a technical one behind a sentence for its code', () => {
    expect(describeError(new LecternError('invalid-input', 'Invalid', [{ path: 'title', message: 'Title cannot be empty' }]))).toEqual({ sentence: 'Title cannot be empty', details: null, failure: null });
    const crash = describeError(new LecternError('internal', 'Lectern could not complete "courses.get": TypeError: Cannot read properties of undefined'));
    expect(crash.sentence).not.toMatch(INTERNALS);
    expect(crash.details).toContain('TypeError');
  });

  it('says a file ffprobe cannot read is not a video, with ffprobe’s words only under Details', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-errors-'));
    const file = path.join(dir, 'Vorlesung notes.bin');
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
    try {
      const err = await probeFile('ffprobe', file).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LecternError);
      const text = describeError(LecternError.fromData((err as LecternError).toData()));
      expect(text.failure).toBe('media-unreadable');
      expect(text.sentence).toBe('“Vorlesung notes.bin” is not a video Lectern can read: choose a video file such as MP4, MOV or MKV.');
      expect(text.details).toMatch(/ffprobe/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
