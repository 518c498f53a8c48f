import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../main/services/offline-media/byte-range';

describe('parseRange', () => {
  it.each([
    [null, 100, { kind: 'full' }],
    ['bytes=0-0', 100, { kind: 'partial', start: 0, end: 0 }],
    ['bytes=10-19', 100, { kind: 'partial', start: 10, end: 19 }],
    ['bytes=90-', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=0-', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=-10', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-1000', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=50-1000', 100, { kind: 'partial', start: 50, end: 99 }],
    ['bytes=99-99', 100, { kind: 'partial', start: 99, end: 99 }],
    ['Bytes = 5-6', 100, { kind: 'partial', start: 5, end: 6 }],
    // Several ranges: the whole file (documented choice).
    ['bytes=0-1,5-6', 100, { kind: 'full' }],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it.each([
    'bytes=100-',
    'bytes=100-200',
    'bytes=-0',
    'bytes=5-4',
    'bytes=-',
    'bytes=',
    'bytes=abc',
    'bytes=1-2-3',
    'bytes=+1-2',
    'bytes=0x1-2',
    'bytes=1.5-2',
    'bytes= -5 - 3',
    'items=0-1',
    '0-1',
    'bytes=0-1,',
    'bytes=0-1,x',
    'bytes=99999999999999999999-',
  ])('%s of 100 bytes is unsatisfiable', (header) => {
    expect(parseRange(header, 100)).toEqual({ kind: 'unsatisfiable' });
  });

  it('finds nothing to serve in an empty file', () => {
    expect(parseRange('bytes=0-0', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange(null, 0)).toEqual({ kind: 'full' });
  });
});
