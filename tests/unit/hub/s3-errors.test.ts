import { describe, expect, it } from 'vitest';
import { classifyS3Error, explainS3Failure } from '../../../main/services/s3/s3-errors';

const s3err = (name: string, status: number) => Object.assign(new Error(`${name} message`), { name, $metadata: { httpStatusCode: status } });

describe('classifyS3Error', () => {
  it.each([
    ['SlowDown', 503, 'retryable'],
    ['InternalError', 500, 'retryable'],
    ['ServiceUnavailable', 503, 'retryable'],
    ['Unknown', 502, 'retryable'],
    ['ExpiredToken', 400, 'credentials-expired'],
    ['InvalidToken', 400, 'credentials-expired'],
    ['SignatureDoesNotMatch', 403, 'credentials-invalid'],
    ['InvalidAccessKeyId', 403, 'credentials-invalid'],
    ['NoSuchBucket', 404, 'bucket-missing'],
    ['NoSuchUpload', 404, 'upload-missing'],
    ['AccessDenied', 403, 'access-denied'],
    ['InvalidArgument', 400, 'fatal'],
  ])('%s (HTTP %i) is %s', (name, status, kind) => {
    expect(classifyS3Error(s3err(name, status)).kind).toBe(kind);
  });

  it('treats resets and timeouts as retryable and aborts as aborts', () => {
    expect(classifyS3Error(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).kind).toBe('retryable');
    expect(classifyS3Error(Object.assign(new Error('idle'), { name: 'TimeoutError' })).kind).toBe('retryable');
    expect(classifyS3Error(Object.assign(new Error('stop'), { name: 'AbortError' })).kind).toBe('aborted');
  });

  it('explains failures naming the hub and bucket', () => {
    const f = classifyS3Error(s3err('NoSuchBucket', 404));
    expect(explainS3Failure(f, { hub: 'Uni', bucket: 'lectures' })).toMatch(/^Bucket "lectures" does not exist on hub "Uni" \(NoSuchBucket: HTTP 404: NoSuchBucket message\)/);
  });
});
