import DOMPurify from 'dompurify';

/**
 * Author text (course descriptions, lecture summaries) is HTML written with the rich-text editor, but it
 * also arrives from the CLI, old plain-text drafts and — on the student side — from hubs, which are
 * untrusted. Everything is put through DOMPurify with the editor's own small vocabulary before it is
 * rendered or loaded into the editor, so markup the editor cannot produce never reaches the DOM.
 */
const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'u', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'a', 'hr'];
const ALLOWED_ATTR = ['href'];
const SAFE_LINK = /^(https?:|mailto:)/i;

let hooked = false;
function installLinkHook(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    if (!SAFE_LINK.test(href.trim())) node.removeAttribute('href');
    // Links leave the app through the window-open handler, which hands only https to the system browser.
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  });
}

export function sanitizeAuthorHtml(html: string): string {
  installLinkHook();
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR: [...ALLOWED_ATTR, 'target', 'rel'], ALLOW_DATA_ATTR: false });
}

/** True when a stored value is editor HTML rather than plain text from before rich text (or from the CLI). */
export function looksLikeHtml(value: string): boolean {
  return /^\s*<(p|h[2-4]|ul|ol|blockquote|pre|hr)[\s>/]/i.test(value);
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Stored author text as safe HTML: plain text becomes paragraphs (blank lines split them), HTML is sanitized. */
export function authorTextToHtml(value: string): string {
  if (value.trim() === '') return '';
  if (looksLikeHtml(value)) return sanitizeAuthorHtml(value);
  return value
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeText(para).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
