import { describe, expect, it } from 'vitest';
import { formatAboutLeft, formatBytes, formatDateTime, formatDuration, formatPercent, formatRelative, formatSpeed, formatTimeLeft, percent, STORED, TRANSFER } from '../../../renderer/src/i18n/format';

describe('format (English output unchanged from the old per-area formatters)', () => {
  it('writes sizes the way each area did', () => {
    expect(formatBytes(100, {}, 'en')).toBe('1 KB');
    expect(formatBytes(1536, {}, 'en')).toBe('2 KB');
    expect(formatBytes(1025, STORED, 'en')).toBe('2 KB');
    expect(formatBytes(512, TRANSFER, 'en')).toBe('512 B');
    expect(formatBytes(1.5 * 1024 ** 2, {}, 'en')).toBe('1.5 MB');
    expect(formatBytes(1023.95 * 1024 ** 2, {}, 'en')).toBe('1024.0 MB');
    expect(formatBytes(1234 * 1024 ** 3, {}, 'en')).toBe('1234.00 GB');
    expect(formatSpeed(3.2 * 1024 ** 2, TRANSFER, 'en')).toBe('3.2 MB/s');
  });

  it('writes durations as a clock, "—" when unknown', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('says how long is left', () => {
    expect(formatAboutLeft(null, 'en')).toBe('');
    expect(formatAboutLeft(0.2, 'en')).toBe('about 1 s left');
    expect(formatAboutLeft(150, 'en')).toBe('about 3 min left');
    expect(formatTimeLeft(40, 'en')).toBe('40 s left');
    expect(formatTimeLeft(180, 'en')).toBe('3 min left');
    expect(formatTimeLeft(3900, 'en')).toBe('1 h 5 min left');
  });

  it('writes percentages, dates and relative times through Intl', () => {
    expect(formatPercent(42, 'en')).toBe('42%');
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBe(100);
    const when = Date.UTC(2026, 11, 6, 12, 0);
    expect(formatDateTime(when, 'en')).toBe(new Date(when).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' }));
    expect(formatRelative(when - 3 * 60_000, when, 'en')).toBe('3 minutes ago');
    expect(formatRelative(when + 2 * 86_400_000, when, 'en')).toBe('in 2 days');
  });
});

describe('format in Korean', () => {
  it('keeps units, translates the words', () => {
    expect(formatBytes(1.5 * 1024 ** 2, {}, 'ko')).toBe('1.5 MB');
    expect(formatAboutLeft(150, 'ko')).toBe('약 3분 남음');
    expect(formatTimeLeft(3900, 'ko')).toBe('1시간 5분 남음');
    expect(formatTimeLeft(40, 'ko')).toBe('40초 남음');
    expect(formatPercent(42, 'ko')).toBe('42%');
  });

  it('writes dates and relative times the Korean way', () => {
    const when = Date.UTC(2026, 11, 6, 12, 0);
    expect(formatRelative(when - 3 * 60_000, when, 'ko')).toBe('3분 전');
    expect(formatRelative(when + 86_400_000, when, 'ko')).toBe('내일');
    expect(formatDateTime(when, 'ko')).toMatch(/^2026\. 12\. \d+\./);
  });
});
