import { Extension } from '@tiptap/core';
import { Placeholder } from '@tiptap/extensions';
import { Plugin } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import { isComposing } from '../ui/ime';

/**
 * Keys an IME is composing with never reach the editor's keymaps. ProseMirror skips keys while
 * `view.composing`, but a key can arrive as keyCode 229 before compositionstart (Chromium) or carry
 * key "Enter" while composing (macOS), and Enter would then split the block or add a list item under
 * the half-built syllable. Returning true skips ProseMirror's handling without preventDefault, so the
 * IME still gets the key.
 */
const ImeGuard = Extension.create({
  name: 'imeGuard',
  addProseMirrorPlugins() {
    return [new Plugin({ props: { handleDOMEvents: { keydown: (_view, event) => isComposing(event) } } })];
  },
});

/**
 * The editor's vocabulary. It matches what sanitizeAuthorHtml lets through, so what an author sees in the
 * editor is exactly what a student sees. No images or embeds: author text is words, media comes from the
 * lecture's own video.
 */
export const authorTextExtensions = (placeholder: () => string) => [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    // An empty paragraph after every list or quote would be stored and published as part of the text.
    trailingNode: false,
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
      protocols: ['http', 'https', 'mailto'],
      isAllowedUri: (url) => /^(https?:|mailto:)/i.test(url.trim()),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
    },
  }),
  // A function, read at each redraw: the placeholder follows the UI language without rebuilding the editor.
  Placeholder.configure({ placeholder }),
  ImeGuard,
];
