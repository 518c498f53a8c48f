const MAX_NOTES = 10_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Release notes as plain text. The feed may carry HTML (electron-builder copies GitHub's rendered
 * notes) or a list of per-version notes; the UI shows text only, so nothing in a feed can inject markup
 * or load a resource. Block ends become line breaks, list items bullets, every other tag is dropped.
 */
export function releaseNotesText(notes: unknown): string | undefined {
  let raw: string;
  if (typeof notes === 'string') raw = notes;
  else if (Array.isArray(notes)) {
    raw = notes
      .map((n: unknown) => (n && typeof n === 'object' && 'note' in n && typeof n.note === 'string' ? n.note : ''))
      .filter(Boolean)
      .join('\n\n');
  } else return undefined;
  const text = htmlToText(raw).trim();
  if (!text) return undefined;
  return text.length > MAX_NOTES ? `${text.slice(0, MAX_NOTES - 1)}…` : text;
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/(p|div|h[1-6]|ul|ol|pre|blockquote|tr)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, code: string) => decodeEntity(code) ?? m)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

function decodeEntity(code: string): string | undefined {
  const lower = code.toLowerCase();
  if (lower.startsWith('#')) {
    const n = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    // Control characters and invalid code points stay out of the text.
    return Number.isInteger(n) && n >= 0x20 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
  }
  return ENTITIES[lower];
}
