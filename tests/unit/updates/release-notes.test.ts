import { describe, expect, it } from 'vitest';
import { releaseNotesText } from '../../../main/services/updates/release-notes';

describe('releaseNotesText', () => {
  it('turns HTML notes into plain text with no markup left', () => {
    const html = '<h2>1.2.0</h2><p>Faster &amp; safer</p><script>alert(1)</script><ul><li>One</li><li><a href="javascript:x">Two</a></li></ul><img src=x onerror=alert(1)>';
    expect(releaseNotesText(html)).toBe('1.2.0\nFaster & safer\n\n• One\n• Two');
  });
  it('joins per-version notes and ignores what is not text', () => {
    expect(releaseNotesText([{ version: '1', note: 'A' }, { version: '2', note: null }, { note: '<b>B</b>' }])).toBe('A\n\nB');
    expect(releaseNotesText(undefined)).toBeUndefined();
    expect(releaseNotesText({ note: 'x' })).toBeUndefined();
    expect(releaseNotesText('&#0;&#x1F600;')).toBe('😀');
  });
  it('caps very long notes', () => {
    expect(releaseNotesText('x'.repeat(50_000))!.length).toBe(10_000);
  });
});
